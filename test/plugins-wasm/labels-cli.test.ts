import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BUSYBOX_APP } from "../e2e/fixtures/git-work";
import { DOKKU_BIN, runDokku, runProgram, tempDir, tempRoots, type RunResult } from "../harness";
import { docker, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";
import { canDeploy, machine } from "../machine";
import { buildLabels } from "./labels-module";

const APP = `labels-${process.pid}`;

describe.skipIf(!machine.clang)("labels plugin through the binary", () => {
  const roots = tempRoots();
  const stored = () => {
    const path = join(roots.env.DOKKU_LIB_ROOT as string, "config", "plugins", "labels", APP, "labels");
    return existsSync(path) ? readFileSync(path, "utf8") : undefined;
  };
  let built: Awaited<ReturnType<typeof buildLabels>>;

  beforeAll(async () => {
    built = await buildLabels();
    const installed = await runDokku(["plugin:install", built.dir, "--allow-store", "--allow-docker-args"], {
      env: roots.env,
    });
    if (installed.exitCode !== 0) throw new Error(`plugin:install failed: ${installed.stderr}`);
    await runDokku(["apps:create", APP], { env: roots.env });
  });

  afterAll(async () => {
    if (machine.docker) await removeAppLeftovers(await docker(), APP);
    built[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  test("adds, reports and removes labels in Dokku's layout", async () => {
    const added = await runDokku(["labels:add", APP, "team", "ops"], { env: roots.env });
    const afterAdd = stored();
    const report = await runDokku(["labels:report", APP], { env: roots.env });
    const count = await runDokku(["labels:report", APP, "--labels-count"], { env: roots.env });
    const removed = await runDokku(["labels:remove", APP, "team"], { env: roots.env });
    expect({ added, afterAdd, report, count, removed, afterRemove: stored() }).toEqual({
      added: {
        stdout: `-----> Setting label team for ${APP}\n       Applies from the next deploy (ps:rebuild)\n`,
        stderr: "",
        exitCode: 0,
      },
      afterAdd: '{"team":"ops"}',
      report: {
        stdout: `=====> ${APP} labels information\n       Labels count:                  1\n       Labels list:                   team=ops\n`,
        stderr: "",
        exitCode: 0,
      },
      count: { stdout: "1\n", stderr: "", exitCode: 0 },
      removed: {
        stdout: `-----> Removing label team for ${APP}\n       Applies from the next deploy (ps:rebuild)\n`,
        stderr: "",
        exitCode: 0,
      },
      afterRemove: undefined,
    });
  });

  test.each([
    [["com.dokku.app-name", "x"], "Invalid label name com.dokku.app-name: names starting with com.dokku. are reserved"],
    [
      ["Bad Name", "x"],
      "Invalid label name Bad Name: use at most 128 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit",
    ],
    [["team"], "Please specify a label value"],
  ])("refuses labels:add %j with one line and writes nothing", async (args, message) => {
    const result = await runDokku(["labels:add", APP, ...args], { env: roots.env });
    expect({ result, stored: stored() }).toEqual({
      result: { stdout: "", stderr: ` !     ${message}\n`, exitCode: 1 },
      stored: undefined,
    });
  });

  test("refuses an app that does not exist", async () => {
    const result = await runDokku(["labels:add", "ghost", "team", "ops"], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: " !     App ghost does not exist\n", exitCode: 20 });
  });

  test.skipIf(!canDeploy)(
    "labels the app's containers at the next deploy",
    async () => {
      await runDokku(["labels:add", APP, "com.example.team", "ops"], { env: roots.env });
      await runDokku(["checks:set", "--global", "wait-to-retire", "0"], { env: roots.env });
      await runDokku(["checks:skip", APP], { env: roots.env });
      using work = tempDir("dokku-labels-deploy-");
      const tree = join(work.path, "tree");
      cpSync(BUSYBOX_APP, tree, { recursive: true });
      writeFileSync(
        join(tree, "app.json"),
        '{ "formation": { "web": { "quantity": 1 }, "worker": { "quantity": 0 } } }\n',
      );
      const archive = join(work.path, "app.tar");
      await runProgram(["tar", "-cf", archive, "-C", tree, "."]);
      const child = Bun.spawn([DOKKU_BIN, "git:from-archive", APP, "--", "tar"], {
        env: { ...process.env, ...roots.env },
        stdin: Bun.file(archive),
        stdout: "pipe",
        stderr: "pipe",
      });
      const [stdout, stderr, exitCode] = await Promise.all([
        new Response(child.stdout).text(),
        new Response(child.stderr).text(),
        child.exited,
      ]);
      const deployed: RunResult = { stdout, stderr, exitCode };
      const label = (
        await runProgram(["docker", "inspect", "-f", '{{index .Config.Labels "com.example.team"}}', `${APP}.web.1`])
      ).stdout.trim();
      expect({
        exitCode: deployed.exitCode,
        stderr: deployed.stderr.split("\n").filter((line) => line.includes("plugin")),
        label,
      }).toEqual({ exitCode: 0, stderr: [], label: "ops" });
    },
    180_000,
  );
});
