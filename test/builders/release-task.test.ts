import { describe, expect, test } from "bun:test";
import { predeployCommitChanges, taskContainerSpec } from "../../src/builders/release-task";

describe("taskContainerSpec", () => {
  const env = new Map([["DATABASE_URL", "postgres://x"]]);

  test("runs the command through /bin/sh -c when the image has no entrypoint", () => {
    expect(
      taskContainerSpec({
        app: "a",
        phase: "predeploy",
        command: "make migrate && echo ok",
        image: { image: "dokku/a:v1", entrypoint: null, cmd: ["web"] },
        env,
      }),
    ).toEqual({
      Image: "dokku/a:v1",
      Cmd: ["/bin/sh", "-c", "make migrate && echo ok"],
      Env: ["DATABASE_URL=postgres://x"],
      Labels: { "com.dokku.app-name": "a", dokku_phase_script: "predeploy" },
      Tty: false,
    });
  });

  test("passes the command's words to an entrypoint, but not to tini", () => {
    const spec = (entrypoint: string[]) =>
      taskContainerSpec({
        app: "a",
        phase: "release",
        command: "rake 'db:migrate now'",
        image: { image: "i", entrypoint, cmd: null },
        env: new Map(),
      }).Cmd;
    expect([spec(["bundle", "exec"]), spec(["/tini", "--"])]).toEqual([
      ["rake", "db:migrate now"],
      ["/bin/sh", "-c", "rake 'db:migrate now'"],
    ]);
  });
});

describe("predeployCommitChanges", () => {
  test("restores the image's CMD and adds Dokku's labels", () => {
    expect(predeployCommitChanges("a", ["httpd", "-f"])).toEqual([
      'CMD ["httpd","-f"]',
      "LABEL org.label-schema.schema-version=1.0",
      "LABEL org.label-schema.vendor=dokku",
      "LABEL com.dokku.app-name=a",
      "LABEL com.dokku.predeploy-phase=true",
    ]);
  });
});
