import { afterAll, describe, expect, test } from "bun:test";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DOKKU_BIN, runDokku, runProgram, tempDir, tempRoots, type RunResult } from "../harness";
import { BUSYBOX_APP } from "./fixtures/git-work";
import { canDeploy } from "../machine";

const RUN = canDeploy;
if (!RUN) console.warn("skipping git source tests: they need /var/run/docker.sock");

const TIMEOUT = 240_000;
const APP = `gitsrc-${process.pid}`;

async function docker(...args: string[]): Promise<string> {
  const result = await runProgram(["docker", ...args]);
  if (result.exitCode !== 0) throw new Error(`docker ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim();
}

async function served(): Promise<string> {
  return await docker("exec", `${APP}.web.1`, "wget", "-q", "-O", "-", "http://127.0.0.1:5000/");
}

/** The binary with a file's bytes on stdin. */
async function withFile(args: readonly string[], env: Record<string, string>, file: string): Promise<RunResult> {
  const child = Bun.spawn([DOKKU_BIN, ...args], {
    env: { ...process.env, ...env },
    stdin: Bun.file(file),
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

/** The fixture app under `top/` with its page saying `page`, packed by the system tool into `dir`. */
async function pack(dir: string, kind: "tar.gz" | "zip", page: string): Promise<string> {
  const tree = join(dir, `tree-${kind}`);
  cpSync(BUSYBOX_APP, join(tree, "app-main"), { recursive: true });
  writeFileSync(join(tree, "app-main", "www", "index.html"), page);
  const out = join(dir, `app.${kind}`);
  const argv =
    kind === "zip"
      ? ["sh", "-c", `cd "$0" && zip -qry "$1" app-main`, tree, out]
      : ["tar", "-czf", out, "-C", tree, "app-main"];
  const result = await runProgram(argv);
  if (result.exitCode !== 0) throw new Error(`packing failed: ${result.stderr}`);
  return out;
}

describe.skipIf(!RUN)("git sources other than a push", () => {
  const roots = tempRoots();
  const work = tempDir("dokku-sources-");
  const dokku = (...args: string[]) => runDokku(args, { env: roots.env });

  afterAll(async () => {
    const containers = await docker("ps", "-aq", "--filter", `label=com.dokku.app-name=${APP}`).catch(() => "");
    if (containers !== "") await docker("rm", "-f", ...containers.split("\n"));
    const images = await docker("images", "-q", "--filter", `label=com.dokku.app-name=${APP}`).catch(() => "");
    if (images !== "") await docker("rmi", "-f", ...new Set(images.split("\n"))).catch(() => "");
    work[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  test(
    "git:from-archive downloads a tar.gz over http, drops its top folder, commits and deploys it",
    async () => {
      mkdirSync(join(roots.env.DOKKU_LIB_ROOT as string, "config", "checks", "--global"), { recursive: true });
      writeFileSync(join(roots.env.DOKKU_LIB_ROOT as string, "config", "checks", "--global", "default-wait"), "1");
      writeFileSync(join(roots.env.DOKKU_LIB_ROOT as string, "config", "checks", "--global", "wait-to-retire"), "0");
      expect((await dokku("apps:create", APP)).exitCode).toBe(0);
      const archive = await pack(work.path, "tar.gz", "from a tarball");
      using server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response(readFileSync(archive)) });
      const url = `http://127.0.0.1:${server.port}/app.tar.gz`;
      const result = await dokku("git:from-archive", "--archive-type", "tar.gz", APP, url);
      expect(result.stdout).toContain(
        `-----> Downloading tar.gz file from ${url}\n-----> Generating build context\n       Stripping top-level archive folder components\n`,
      );
      expect(result.stdout).toContain("=====> Application deployed:");
      expect(result).toMatchObject({ exitCode: 0 });
      expect(await served()).toBe("from a tarball");
      expect((await dokku("apps:report", APP, "--app-deploy-source")).stdout).toBe("tar.gz\n");
      const log = await runProgram([
        "git",
        `--git-dir=${join(roots.env.DOKKU_ROOT as string, APP)}`,
        "log",
        "--format=%an <%ae>",
        "master",
      ]);
      expect(log.stdout).toBe("Dokku <automated@dokku.sh>\n");
    },
    TIMEOUT,
  );

  test(
    "git:from-archive reads a zip from stdin and deploys it",
    async () => {
      const archive = await pack(work.path, "zip", "from a zip");
      const result = await withFile(["git:from-archive", APP, "--", "zip"], roots.env, archive);
      expect(result.stdout).toContain("-----> Fetching zip file from stdin\n");
      expect(result).toMatchObject({ exitCode: 0 });
      expect(await served()).toBe("from a zip");
    },
    TIMEOUT,
  );

  test(
    "git:from-image refuses an image that is not on this host and changes nothing",
    async () => {
      const before = await docker("ps", "-q", "--filter", `label=com.dokku.app-name=${APP}`);
      const result = await dokku("git:from-image", APP, "dokku-test/not-here:never");
      expect(result).toEqual({
        stdout: "-----> Generating build context\n",
        stderr:
          " !     Image dokku-test/not-here:never does not exist on this host; pull or load it first (git:load-image)\n",
        exitCode: 1,
      });
      expect(await docker("ps", "-q", "--filter", `label=com.dokku.app-name=${APP}`)).toBe(before);
    },
    TIMEOUT,
  );

  test(
    "git:load-image loads a docker save tar from stdin and deploys that image",
    async () => {
      const image = `dokku-test/${APP}-loaded:1`;
      await docker("tag", `dokku/${APP}:v1`, image);
      const tar = join(work.path, "image.tar");
      await docker("save", "-o", tar, image);
      await docker("rmi", image);
      const result = await withFile(["git:load-image", APP, image], roots.env, tar);
      expect(result.stdout).toContain(`       Loaded image: ${image}\n`);
      expect(result).toMatchObject({ exitCode: 0 });
      expect(await served()).toBe("from a tarball");
      expect((await dokku("git:report", APP, "--git-source-image")).stdout).toBe(`${image}\n`);
      await docker("rmi", image);
    },
    TIMEOUT,
  );

  test(
    "deploy starts the current release again",
    async () => {
      const before = await docker("ps", "-q", "--filter", `label=com.dokku.app-name=${APP}`);
      const result = await dokku("deploy", APP);
      expect(result.stdout).toContain(`-----> Deploying ${APP} via the docker-local scheduler...`);
      expect(result).toMatchObject({ exitCode: 0 });
      const after = await docker("ps", "-q", "--filter", `label=com.dokku.app-name=${APP}`);
      expect(after).not.toBe("");
      expect(after).not.toBe(before);
    },
    TIMEOUT,
  );
});
