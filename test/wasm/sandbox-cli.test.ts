import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathsFromEnv } from "../../src/core/paths";
import { indexPath, pluginDir, renderIndex } from "../../src/wasm/registry";
import type { InstalledPlugin } from "../../src/wasm/types";
import { DOKKU_BIN, runDokku, tempDir, tempRoots } from "../harness";
import { alive, sandboxChildren } from "./sandbox-driver";
import { buildProbe, probePlugin, type BuiltModule } from "./sandbox-fixture";

let build: ReturnType<typeof tempDir>;
let module: BuiltModule;

beforeAll(async () => {
  build = tempDir("dokku-sandbox-cli-");
  module = await buildProbe(build.path);
});

afterAll(() => build[Symbol.dispose]());

/** Installs the probe under the roots as `plugin:install` would leave it: its folder and the index. */
function install(env: Record<string, string>, plugins: readonly Parameters<typeof probePlugin>[1][]): void {
  const paths = pathsFromEnv(env);
  const records: InstalledPlugin[] = plugins.map((options) => {
    const dir = pluginDir(paths, options?.name ?? "probe");
    mkdirSync(dir, { recursive: true });
    copyFileSync(module.path, join(dir, "probe.wasm"));
    return { ...probePlugin({ path: join(dir, "probe.wasm"), sha256: module.sha256 }, options), dir };
  });
  writeFileSync(indexPath(paths), renderIndex(records));
}

/** Live sandbox processes of this binary, whoever their parent is now. */
function sandboxesOfThisBinary(): number[] {
  const found: number[] = [];
  for (const entry of new Bun.Glob("[0-9]*").scanSync({ cwd: "/proc", onlyFiles: false })) {
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (argv[0] === DOKKU_BIN && argv[1] === "__wasm-sandbox" && alive(Number(entry))) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

const FAILED = { app: "web", stage: "build", reason: "boom", releaseId: null };

describe("WASM plugins through the compiled binary", () => {
  test("a trigger runs the plugin in the sandbox, prints its lines, and leaves no process", async () => {
    using roots = tempRoots();
    install(roots.env, [{ triggers: ["deploy-failed"] }]);
    const envelope = JSON.stringify({ trigger: "deploy-failed", version: 1, app: "web", payload: FAILED });
    expect(await runDokku(["plugin:trigger", "deploy-failed", JSON.stringify(FAILED)], { env: roots.env })).toEqual({
      stdout: `       probe got ${envelope}\n{"failures":[]}\n`,
      stderr: "",
      exitCode: 0,
    });
    expect(sandboxesOfThisBinary()).toEqual([]);
  });

  test("a plugin looping past its deadline is killed, named, and the command carries on", async () => {
    using roots = tempRoots();
    install(roots.env, [
      { name: "slow", triggers: ["post-delete"], limits: { timeoutMs: 300 } },
      { name: "zzz", triggers: ["deploy-failed"] },
    ]);
    const result = await runDokku(["plugin:trigger", "post-delete", '{"app":"web"}'], { env: roots.env });
    expect(result).toEqual({
      stdout: '{"failures":[{"source":"plugin slow","message":"timed out after 300 ms"}]}\n',
      stderr: " !     plugin slow failed on post-delete: timed out after 300 ms\n",
      exitCode: 0,
    });
    expect(sandboxesOfThisBinary()).toEqual([]);
  });

  test("a plugin trapping on a collect trigger fails the command with one line naming it", async () => {
    using roots = tempRoots();
    install(roots.env, [{ triggers: ["docker-args-deploy"] }]);
    const payload = JSON.stringify({ app: "web", processType: "web", image: "dokku/web:1", releaseId: 1 });
    const result = await runDokku(["plugin:trigger", "docker-args-deploy", payload], { env: roots.env });
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^ ! {5}Invalid result of docker-args-deploy from plugin probe: .+\n$/);
    expect(result.exitCode).toBe(1);
  });

  test("the sandbox dies with its command even when the command is killed mid-call", async () => {
    using roots = tempRoots();
    install(roots.env, [{ name: "slow", triggers: ["post-delete"], limits: { timeoutMs: 20_000 } }]);
    const command = Bun.spawn([DOKKU_BIN, "plugin:trigger", "post-delete", '{"app":"web"}'], {
      env: { ...process.env, ...roots.env },
      stdout: "ignore",
      stderr: "ignore",
    });
    const deadline = Date.now() + 5000;
    let sandbox: number | undefined;
    while (sandbox === undefined && Date.now() < deadline) {
      sandbox = sandboxChildren(command.pid).find((pid) =>
        readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("serve"),
      );
      if (sandbox === undefined) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(sandbox).toBeNumber();
    command.kill("SIGKILL");
    await command.exited;
    while (alive(sandbox as number) && Date.now() < deadline + 5000)
      await new Promise((resolve) => setImmediate(resolve));
    expect(alive(sandbox as number)).toBe(false);
  });

  test("a plugin command's own error is printed bare; a host function it misused names the plugin, writing nothing", async () => {
    using roots = tempRoots();
    install(roots.env, [{ commands: ["probe:misuse", "probe:refuse"] }]);
    const refused = await runDokku(["probe:refuse"], { env: roots.env });
    const misused = await runDokku(["probe:misuse"], { env: roots.env });
    expect({
      refused,
      misused,
      stored: ["probe", "plugins/probe"].some((dir) =>
        existsSync(join(pathsFromEnv(roots.env).libRoot, "config", dir)),
      ),
    }).toEqual({
      refused: { stdout: "", stderr: " !     the plugin said no\n", exitCode: 1 },
      misused: {
        stdout: "",
        stderr:
          ' !     plugin probe failed on probe:misuse: dokku_store_get: invalid key "../x" (expected [a-z0-9][a-z0-9_.-]{0,63})\n',
        exitCode: 1,
      },
      stored: false,
    });
  });

  test("a command that fires no plugin trigger starts no sandbox", async () => {
    using roots = tempRoots();
    install(roots.env, [{ triggers: ["deploy-failed"] }]);
    expect(await runDokku(["apps:list"], { env: roots.env })).toEqual({
      stdout: "=====> My Apps\n",
      stderr: " !     You haven't deployed any applications yet\n",
      exitCode: 0,
    });
    expect(sandboxesOfThisBinary()).toEqual([]);
  });
});
