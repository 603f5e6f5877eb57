import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DockerClient } from "../../src/executors/docker/client";
import { DOKKU_BIN, runDokku, tempRoots, type RunResult } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";
import { tarOf } from "../archive-fixtures";
import { docker, haveDocker, removeAppLeftovers, setSettleSeconds } from "../plugins/scheduler-docker-local/fixture";

const app = `releases-${process.pid}`;
const TIMEOUT = 60_000;

/** A Dockerfile app whose web process serves /www and whose image says which build it is. */
function appArchive(version: string): Uint8Array {
  const dockerfile = [
    "FROM dokku-test/busybox:latest",
    `RUN mkdir -p /www && echo ${version} > /www/version`,
    'CMD ["httpd", "-f", "-p", "5000", "-h", "/www"]',
    "",
  ].join("\n");
  return tarOf([{ name: "Dockerfile", body: dockerfile }]);
}

/** `git:from-archive <app> --` with the tar on stdin (runDokku's stdin is text). */
async function deployArchive(env: Record<string, string>, bytes: Uint8Array): Promise<RunResult> {
  const child = Bun.spawn([DOKKU_BIN, "git:from-archive", "--archive-type", "tar", app, "--"], {
    env: { ...process.env, SSH_ORIGINAL_COMMAND: undefined, ...env },
    stdin: new Blob([bytes]),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { stdout, stderr, exitCode };
}

interface Running {
  readonly release: string;
  readonly imageId: string;
  readonly version: string;
  readonly message: string | undefined;
}

/** The app's running web container: its release, image id, the build it serves and its MESSAGE. */
async function runningWeb(client: DockerClient): Promise<Running> {
  const infos = await client.listContainers({
    filters: { label: [`com.dokku.app-name=${app}`, "com.dokku.process-type=web"] },
  });
  expect(infos.length).toBe(1);
  const container = client.getContainer((infos[0] as { Id: string }).Id);
  const inspect = await container.inspect();
  const exec = await container.exec({ Cmd: ["cat", "/www/version"], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  // the multiplexed stream: 8-byte frame headers before each payload
  const output = Buffer.concat(chunks)
    .toString("latin1")
    .replace(/[\x00-\x08]/g, "")
    .trim();
  return {
    release: inspect.Config.Labels["com.dokku.release-id"] ?? "",
    imageId: inspect.Image,
    version: output,
    message: (inspect.Config.Env ?? []).find((line) => line.startsWith("MESSAGE="))?.slice("MESSAGE=".length),
  };
}

interface ListedRelease {
  version: string;
  description: string;
  status: string;
  image_id: string;
}

describe.skipIf(!haveDocker)("releases and rollback against real containers", () => {
  const roots = tempRoots();
  const env = roots.env;
  let client: DockerClient;
  const releases = async (): Promise<ListedRelease[]> =>
    JSON.parse((await runDokku(["releases", app, "--format", "json"], { env })).stdout);
  const summary = async () =>
    (await releases()).map(
      (release) => `${release.version} ${release.status}: ${release.description.replace(/ [0-9a-f]{7}$/, " <rev>")}`,
    );

  beforeAll(async () => {
    client = await docker();
    await runDokku(["apps:create", app], { env });
    setSettleSeconds(env.DOKKU_LIB_ROOT as string, 1);
    mkdirSync(join(env.DOKKU_LIB_ROOT as string, "config/checks/--global"), { recursive: true });
    writeFileSync(join(env.DOKKU_LIB_ROOT as string, "config/checks/--global/wait-to-retire"), "0");
  });

  afterAll(async () => {
    await removeAppLeftovers(client, app);
    roots[Symbol.dispose]();
  });

  test(
    "each deploy records a release with its image id and config snapshot",
    async () => {
      await runDokku(["config:set", "--no-restart", app, "MESSAGE=one"], { env });
      expect((await deployArchive(env, appArchive("one"))).exitCode).toBe(0);
      await runDokku(["config:set", "--no-restart", app, "MESSAGE=two"], { env });
      expect((await deployArchive(env, appArchive("two"))).exitCode).toBe(0);
      const [v2, v1] = await releases();
      expect({ list: await summary(), running: await runningWeb(client) }).toEqual({
        list: ["v2 current: git:from-archive <rev>", "v1 deployed: git:from-archive <rev>"],
        running: { release: "2", imageId: v2?.image_id as string, version: "two", message: "two" },
      });
      expect(v1?.image_id).not.toBe(v2?.image_id);
    },
    TIMEOUT,
  );

  test(
    "rollback brings back v1's image and v1's config as a new release",
    async () => {
      const v1 = (await releases()).find((release) => release.version === "v1") as ListedRelease;
      const result = await runDokku(["releases:rollback", app], { env });
      expect({ stderr: result.stderr, exitCode: result.exitCode }).toEqual({ stderr: "", exitCode: 0 });
      expect(result.stdout).toStartWith(
        [
          `-----> Rolling back ${app} to v1`,
          "       Restored config vars: GIT_REV, MESSAGE",
          `-----> Releasing ${app} v3: Rollback to v1`,
          "",
        ].join("\n"),
      );
      expect(result.stdout).not.toContain("Building");
      expect({
        list: await summary(),
        running: await runningWeb(client),
        config: (await runDokku(["config:get", app, "MESSAGE"], { env })).stdout,
      }).toEqual({
        list: [
          "v3 current: Rollback to v1",
          "v2 deployed: git:from-archive <rev>",
          "v1 deployed: git:from-archive <rev>",
        ],
        running: { release: "3", imageId: v1.image_id, version: "one", message: "one" },
        config: "one\n",
      });
    },
    TIMEOUT,
  );

  test(
    "a config change that restarts the app is a release of the same image with the new config",
    async () => {
      const v3 = (await releases())[0] as ListedRelease;
      const result = await runDokku(["config:set", app, "MESSAGE=three"], { env });
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain(`-----> Restarting app ${app}\n-----> Releasing ${app} v4: config:set MESSAGE\n`);
      expect({ list: (await summary()).slice(0, 2), running: await runningWeb(client) }).toEqual({
        list: ["v4 current: config:set MESSAGE", "v3 deployed: Rollback to v1"],
        running: { release: "4", imageId: v3.image_id, version: "one", message: "three" },
      });
      const info = await runDokku(["releases:info", app, "v4"], { env });
      expect(info.stdout).toContain("       Config keys:  GIT_REV MESSAGE (app)\n");
      expect(info.stdout).not.toContain("three");
      expect((await runDokku(["releases:info", app, "v4", "--show-config"], { env })).stdout).toContain(
        "       MESSAGE:  three\n",
      );
    },
    TIMEOUT,
  );

  test(
    "keep=1 prunes the images no kept release uses, and a rollback to one is refused cleanly",
    async () => {
      await runDokku(["releases:set", app, "keep", "1"], { env });
      const result = await runDokku(["config:set", app, "MESSAGE=four"], { env });
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain("-----> Pruned the images of releases v2 (keeping 1)\n");
      const tags = (await client.listImages({ filters: { reference: [`dokku/${app}`] } }))
        .flatMap((image) => image.RepoTags ?? [])
        .sort();
      expect({ list: await summary(), tags }).toEqual({
        list: [
          "v5 current: config:set MESSAGE",
          "v4 deployed: config:set MESSAGE",
          "v3 deployed: Rollback to v1",
          "v2 image pruned: git:from-archive <rev>",
          "v1 deployed: git:from-archive <rev>",
        ],
        // v1, v3, v4 and v5 share v1's image, which the running release needs
        tags: [`dokku/${app}:v1`, `dokku/${app}:v3`, `dokku/${app}:v4`, `dokku/${app}:v5`],
      });
      const before = snapshotTree(roots.dir);
      expect(await runDokku(["releases:rollback", app, "v2"], { env })).toEqual({
        stdout: "",
        stderr: ` !     Cannot roll back to v2: its image (dokku/${app}:v2) was pruned\n`,
        exitCode: 1,
      });
      expect(snapshotTree(roots.dir)).toEqual(before);
      expect((await runningWeb(client)).release).toBe("5");
    },
    TIMEOUT,
  );

  test(
    "a rollback runs the release's image by id, whatever its tag points to by then",
    async () => {
      const v1 = (await releases()).find((release) => release.version === "v1") as ListedRelease;
      // the base image must never be removed by the cleanup: the tag goes in `finally`
      await client.getImage("dokku-test/busybox:latest").tag({ repo: `dokku/${app}`, tag: "v1" });
      try {
        const result = await runDokku(["releases:rollback", app, "v1"], { env });
        expect({ stderr: result.stderr, exitCode: result.exitCode }).toEqual({ stderr: "", exitCode: 0 });
        expect(await runningWeb(client)).toEqual({
          release: "6",
          imageId: v1.image_id,
          version: "one",
          message: "one",
        });
      } finally {
        await client.getImage(`dokku/${app}:v1`).remove({ noprune: true });
      }
    },
    TIMEOUT,
  );
});
