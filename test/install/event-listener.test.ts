import { describe, expect, test } from "bun:test";
import { chmodSync, existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DOKKU_BIN, runProgram, tempDir } from "../harness";
import { INSTALL_SH, installTarget, runInstaller, uidOf, type Target } from "./install-target";

const isRoot = process.getuid?.() === 0;
const TIMEOUT = 30_000;
const ROOTS = { DOKKU_USER: "dk", DOKKU_ROOT: "/srv/home", DOKKU_LIB_ROOT: "/srv/lib", DOKKU_LOGS_DIR: "/srv/logs" };

/** Calls one of install.sh's functions (DOKKU_INSTALL_FUNCTIONS_ONLY=1 defines them without installing). */
function installFunction(call: string, env: Record<string, string> = ROOTS) {
  return runProgram(["sh", "-c", `. "${INSTALL_SH}"; ${call}`], { env: { DOKKU_INSTALL_FUNCTIONS_ONLY: "1", ...env } });
}

/** The pid the running watcher wrote into its lock, undefined when none holds it. */
async function watcherPid(libRoot: string): Promise<number | undefined> {
  const lock = join(libRoot, "data", "proxy", "watch.lock");
  if (!existsSync(lock) || (await runProgram(["flock", "-n", lock, "true"])).exitCode === 0) return undefined;
  return Number(/pid=(\d+)/.exec(readFileSync(lock, "utf8"))?.[1]);
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (const deadline = Date.now() + 15_000; ; await Bun.sleep(50)) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

/** Processes running `proxy:watch` with this target's DOKKU_ROOT (nothing stays between the installer and the watcher). */
function watchersOf(target: Target): number[] {
  return Bun.spawnSync(["pgrep", "-f", "proxy:watch"])
    .stdout.toString()
    .split("\n")
    .filter(Boolean)
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(`DOKKU_ROOT=${target.env.DOKKU_ROOT}`);
      } catch {
        return false;
      }
    });
}

describe("install.sh runs proxy:watch (Dokku's event listener)", () => {
  test("the systemd unit runs proxy:watch as the dokku user, restarted whenever it stops, after docker", async () => {
    expect(await installFunction("event_listener_unit /opt/bin/dokku")).toEqual({
      stdout: [
        "[Unit]",
        "Description=Dokku event listener: re-points an app's proxy when Docker restarts its containers",
        "Wants=docker.service",
        "After=docker.service",
        "",
        "[Service]",
        "User=dk",
        "Environment=DOKKU_ROOT=/srv/home DOKKU_LIB_ROOT=/srv/lib DOKKU_LOGS_DIR=/srv/logs",
        "ExecStart=/opt/bin/dokku proxy:watch",
        "Restart=always",
        "RestartSec=5s",
        "StandardInput=null",
        "KillMode=mixed",
        "TimeoutStopSec=15",
        "",
        "[Install]",
        "WantedBy=multi-user.target",
        "",
      ].join("\n"),
      stderr: "",
      exitCode: 0,
    });
  });

  test(
    "the cron line starts a watcher when none runs; run again while one runs, it exits 0 at once",
    async () => {
      using dir = tempDir("dokku-watch-cron-");
      const roots = {
        DOKKU_USER: "dk",
        DOKKU_ROOT: join(dir.path, "home"),
        DOKKU_LIB_ROOT: join(dir.path, "lib"),
        DOKKU_LOGS_DIR: dir.path,
      };
      const cron = await installFunction(`event_listener_cron ${DOKKU_BIN}`, roots);
      const lines = cron.stdout.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
      expect(lines).toEqual([
        "PATH=/usr/local/bin:/usr/bin:/bin",
        "SHELL=/bin/sh",
        `DOKKU_ROOT=${roots.DOKKU_ROOT}`,
        `DOKKU_LIB_ROOT=${roots.DOKKU_LIB_ROOT}`,
        `DOKKU_LOGS_DIR=${dir.path}`,
        `* * * * * dk ${DOKKU_BIN} proxy:watch >> ${dir.path}/event-listener.log 2>&1`,
      ]);
      // cron runs the rest of the line with SHELL and the file's variables; no engine answers here
      const command = (lines[5] as string).replace(/^\* \* \* \* \* dk /, "");
      const env = { ...roots, DOCKER_HOST: `unix://${dir.path}/no-engine.sock` };
      const first = Bun.spawn(["/bin/sh", "-c", command], {
        env: { ...process.env, ...env },
        stdout: "ignore",
        stderr: "ignore",
      });
      let watcher: number | undefined;
      try {
        watcher = await until(() => watcherPid(roots.DOKKU_LIB_ROOT), "the first watcher's lock");
        const second = await runProgram(["/bin/sh", "-c", command], { env });
        expect(second).toEqual({ stdout: "", stderr: "", exitCode: 0 });
        expect(first.exitCode).toBeNull();
        // the first one logs where the line sends it, and keeps trying to reach the engine
        const log = join(dir.path, "event-listener.log");
        const text = await until(async () => {
          const now = readFileSync(log, "utf8");
          return now.includes(" !     Lost the Docker engine (") ? now : undefined;
        }, "the watcher to log its failed connection");
        expect(text).toStartWith("-----> Watching Docker events for app containers (pid ");
      } finally {
        // the shell may have forked the watcher rather than become it: stop the watcher itself
        if (watcher !== undefined) process.kill(watcher, "SIGTERM");
        else first.kill("SIGTERM");
        await first.exited;
      }
    },
    TIMEOUT,
  );

  test.skipIf(!isRoot)(
    "a fresh install without systemd writes the dokku-event-listener cron file",
    async () => {
      using target = installTarget();
      const result = await runInstaller(["sh", INSTALL_SH], { ...target.env, DOKKU_BINARY: DOKKU_BIN });
      expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: "" });
      const path = join(target.env.DOKKU_CRON_DIR as string, "dokku-event-listener");
      expect(result.stdout).toContain(
        `       ${path} keeps ${target.binDir}/dokku proxy:watch running as ${target.user}\n`,
      );
      expect({
        mode: (statSync(path).mode & 0o777).toString(8),
        last: readFileSync(path, "utf8").trimEnd().split("\n").at(-1),
      }).toEqual({
        mode: "644",
        last: `* * * * * ${target.user} ${target.binDir}/dokku proxy:watch >> ${target.env.DOKKU_LOGS_DIR}/event-listener.log 2>&1`,
      });
      // services skipped: nothing started
      expect(watchersOf(target)).toEqual([]);
    },
    TIMEOUT,
  );

  test.skipIf(!isRoot)(
    "without systemd it starts one watcher in the background as the dokku user; started again, it replaces it",
    async () => {
      using target = installTarget();
      // the dokku user's watcher reaches the state roots under the test's dir, as it does under /var/lib
      chmodSync(target.dir, 0o755);
      const installed = await runInstaller(["sh", INSTALL_SH], { ...target.env, DOKKU_BINARY: DOKKU_BIN });
      expect(installed.exitCode).toBe(0);
      const env = { ...target.env, DOCKER_HOST: `unix://${target.dir}/no-engine.sock` };
      const lib = target.env.DOKKU_LIB_ROOT as string;
      try {
        expect(await installFunction(`start_event_listener ${target.binDir}/dokku`, env)).toEqual({
          stdout: "",
          stderr: "",
          exitCode: 0,
        });
        const first = await until(() => watcherPid(lib), "the watcher's lock");
        expect(statSync(`/proc/${first}`).uid).toBe(uidOf(target.user) as number);
        expect(await installFunction(`start_event_listener ${target.binDir}/dokku`, env)).toEqual({
          stdout: "",
          stderr: "",
          exitCode: 0,
        });
        const second = await until(async () => {
          const pid = await watcherPid(lib);
          return pid !== undefined && pid !== first ? pid : undefined;
        }, "the new watcher");
        expect(watchersOf(target)).toEqual([second]);
        const log = join(target.env.DOKKU_LOGS_DIR as string, "event-listener.log");
        expect(statSync(log).uid).toBe(uidOf(target.user) as number);
      } finally {
        for (const pid of watchersOf(target)) process.kill(pid, "SIGTERM");
        await until(async () => (watchersOf(target).length === 0 ? true : undefined), "the watchers to stop");
      }
    },
    TIMEOUT,
  );
});
