import { afterAll, describe, expect, test } from "bun:test";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DOKKU_BIN, runDokku, runProgram, tempDir, tempRoots, type RunResult } from "../harness";
import { BUSYBOX_APP } from "../e2e/fixtures/git-work";
import { canDeploy } from "../machine";

const RUN = canDeploy;
const TIMEOUT = 120_000;
const APP = `checksdeploy-${process.pid}`;

/** The fixture app with a CHECKS file and its page saying `page`, as a tar on the binary's stdin. */
async function deployWithChecks(
  env: Record<string, string>,
  dir: string,
  checks: string,
  page: string,
): Promise<RunResult> {
  const tree = join(dir, `tree-${Date.now()}`);
  cpSync(BUSYBOX_APP, tree, { recursive: true });
  writeFileSync(join(tree, "www", "index.html"), page);
  writeFileSync(join(tree, "app.json"), '{ "formation": { "web": { "quantity": 1 } } }\n');
  writeFileSync(join(tree, "CHECKS"), checks);
  const archive = `${tree}.tar`;
  const packed = await runProgram(["tar", "-cf", archive, "-C", tree, "."]);
  if (packed.exitCode !== 0) throw new Error(`tar failed: ${packed.stderr}`);
  const child = Bun.spawn([DOKKU_BIN, "git:from-archive", APP, "--", "tar"], {
    env: { ...process.env, ...env },
    stdin: Bun.file(archive),
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

describe.skipIf(!RUN)("deploying an app with a CHECKS file", () => {
  const roots = tempRoots();
  const work = tempDir("dokku-checks-deploy-");
  const lib = roots.env.DOKKU_LIB_ROOT as string;

  afterAll(async () => {
    const containers = (
      await runProgram(["docker", "ps", "-aq", "--filter", `label=com.dokku.app-name=${APP}`])
    ).stdout.trim();
    if (containers !== "") await runProgram(["docker", "rm", "-f", ...containers.split("\n")]);
    const images = (await runProgram(["docker", "images", "-q", `dokku/${APP}`])).stdout.trim();
    if (images !== "") await runProgram(["docker", "rmi", "-f", ...new Set(images.split("\n"))]);
    work[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  test(
    "keeps the CHECKS file in the release, runs its path checks, and refuses a release whose content does not match",
    async () => {
      await runDokku(["apps:create", APP], { env: roots.env });
      await runDokku(["checks:set", "--global", "default-wait", "1"], { env: roots.env });
      await runDokku(["checks:set", "--global", "wait-to-retire", "0"], { env: roots.env });
      const good = await deployWithChecks(
        roots.env,
        work.path,
        "WAIT=1\nATTEMPTS=3\n/index.html hello-checks\n",
        "hello-checks",
      );
      const record = JSON.parse(readFileSync(join(lib, "data/releases", APP, "1.json"), "utf8")) as {
        checksFile?: string;
      };
      // three attempts: under load httpd may not listen yet at the first one
      const bad = await deployWithChecks(
        roots.env,
        work.path,
        "WAIT=1\nATTEMPTS=3\n/index.html elsewhere\n",
        "hello again",
      );
      const web = (
        await runProgram(["docker", "inspect", "-f", '{{index .Config.Labels "com.dokku.release-id"}}', `${APP}.web.1`])
      ).stdout.trim();
      expect({
        good: good.exitCode,
        goodLines: good.stdout.split("\n").filter((line) => line.startsWith("       ") && line.includes("check")),
        deprecated: good.stderr.includes(
          " !     Deprecated: Usage of the CHECKS file is deprecated in favor of healthchecks in app.json\n",
        ),
        checksFile: record.checksFile,
        bad: bad.exitCode,
        badError: bad.stderr.includes(
          ` !     Could not start web.1: healthcheck name='check-1' failed: GET /index.html: expected content "elsewhere", got "hello again"\n`,
        ),
        running: web,
      }).toEqual({
        good: 0,
        goodLines: [
          "       Attempting pre-flight checks (web.1)",
          "       Running healthcheck name='check-1' delay=0 path='/index.html' retries=2 timeout=30 type='path' (web.1)",
          "       Running healthcheck name='port listening check' attempts=3 port=5000 retries=2 timeout=5 type='listening' wait=5 (web.1)",
          "       Healthcheck succeeded name='check-1' (web.1)",
          "       Healthcheck succeeded name='port listening check' (web.1)",
          "       All checks successful (web.1)",
        ],
        deprecated: true,
        checksFile: "WAIT=1\nATTEMPTS=3\n/index.html hello-checks\n",
        bad: 1,
        badError: true,
        running: "1",
      });
    },
    TIMEOUT,
  );

  test(
    "refuses a CHECKS file with a bad setting at release time, naming the line",
    async () => {
      const result = await deployWithChecks(roots.env, work.path, "/index.html\nWAIT=soon\n", "x");
      expect({
        exitCode: result.exitCode,
        refused: result.stderr.includes(" !     CHECKS: line 2: WAIT must be a whole number\n"),
      }).toEqual({ exitCode: 1, refused: true });
    },
    TIMEOUT,
  );
});
