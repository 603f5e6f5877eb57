import { describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runProgram, tempDir } from "../harness";
import { machine } from "../machine";
import { INSTALL_SH } from "./install-target";

const isRoot = process.getuid?.() === 0;

/**
 * Runs `script` after sourcing install.sh's functions, in a private mount namespace where /run is
 * an empty tmpfs (no systemd, no pid files: the machine's services are out of sight) and
 * `binds` are mounted over system paths; the machine itself is left as it was.
 */
function inPrivateRun(dir: string, script: string, binds: Record<string, string>, env: Record<string, string>) {
  const socket = join(dir, "docker.sock");
  writeFileSync(socket, "");
  const setup = [
    "set -eu",
    // docker's socket lives in /run: kept, so that `docker info` answers as on the host
    `mount --bind /run/docker.sock ${socket}`,
    "mount -t tmpfs tmpfs /run",
    `touch /run/docker.sock && mount --bind ${socket} /run/docker.sock`,
    ...Object.entries(binds).map(([target, source]) => `mount --bind ${source} ${target}`),
    `. "${INSTALL_SH}"`,
  ];
  return runProgram(["unshare", "--mount", "--propagation", "private", "sh", "-c", [...setup, script].join("\n")], {
    env: { DOKKU_INSTALL_FUNCTIONS_ONLY: "1", DOKKU_SKIP_SERVICES: undefined, ...env },
  });
}

function standIn(bin: string, name: string, body: string): string {
  const path = join(bin, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** docker, nginx, sshd, systemctl and cron that record their calls; cron "runs" as the calling shell. */
function standIns(dir: string): { bin: string; calls: string } {
  const bin = join(dir, "bin");
  mkdirSync(bin);
  const calls = join(dir, "calls");
  const record = `echo "$(basename "$0") $*" >> ${calls}`;
  standIn(bin, "docker", record);
  standIn(bin, "nginx", `${record}\n[ "$#" -gt 0 ] || echo "$PPID" > /run/nginx.pid`);
  standIn(bin, "sshd", `${record}\necho "$PPID" > /run/sshd.pid`);
  standIn(bin, "systemctl", record);
  // as Debian's cron: daemonizes (here: names the still running shell that called it) and writes /run/crond.pid
  standIn(bin, "cron", `${record}\necho "$PPID" > /run/crond.pid`);
  return { bin, calls };
}

function callsOf(path: string): string[] {
  return existsSync(path)
    ? readFileSync(path, "utf8")
        .trimEnd()
        .split("\n")
        .map((line) => line.trimEnd())
    : [];
}

async function until(what: string, deadlineMs: number, done: () => boolean): Promise<void> {
  for (const deadline = Date.now() + deadlineMs; !done(); await Bun.sleep(100)) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${deadlineMs} ms`);
  }
}

describe.skipIf(!isRoot)("install.sh starts cron (issue 12)", () => {
  test("without systemd, start_services starts cron once: a second run finds it running", async () => {
    using dir = tempDir("dokku-cron-start-");
    const { bin, calls } = standIns(dir.path);
    const result = await inPrivateRun(
      dir.path,
      "start_services\nstart_services",
      { "/usr/sbin/sshd": join(bin, "sshd") },
      { PATH: `${bin}:/usr/bin:/bin` },
    );
    expect(result).toEqual({ exitCode: 0, stderr: "", stdout: expect.any(String) });
    expect(result.stdout.split("\n").filter((line) => line.includes("cron"))).toEqual([
      "       cron started",
      "       cron running",
    ]);
    expect(callsOf(calls).filter((call) => call.startsWith("cron"))).toEqual(["cron"]);
  });

  test("a stale pid file does not count as a running cron", async () => {
    using dir = tempDir("dokku-cron-stale-");
    const { bin, calls } = standIns(dir.path);
    const gone = Bun.spawnSync(["sh", "-c", "echo $$"]).stdout.toString().trim();
    const result = await inPrivateRun(
      dir.path,
      `echo ${gone} > /run/crond.pid\nstart_cron /run/crond.pid`,
      {},
      { PATH: `${bin}:/usr/bin:/bin` },
    );
    expect(result).toEqual({ exitCode: 0, stderr: "", stdout: "       cron started\n" });
    expect(callsOf(calls)).toEqual(["cron"]);
  });

  test("a cron that does not start stops the install, saying so", async () => {
    using dir = tempDir("dokku-cron-fails-");
    const { bin } = standIns(dir.path);
    standIn(bin, "cron", "exit 1");
    const result = await inPrivateRun(
      dir.path,
      "start_cron /run/crond.pid\necho not reached",
      {},
      { PATH: `${bin}:/usr/bin:/bin` },
    );
    expect(result).toEqual({ exitCode: 1, stderr: " !     cron did not start\n", stdout: "" });
  });

  test("a cron that exits without leaving a running daemon stops the install, saying so", async () => {
    using dir = tempDir("dokku-cron-gone-");
    const { bin } = standIns(dir.path);
    standIn(bin, "cron", "exit 0");
    const result = await inPrivateRun(
      dir.path,
      "start_cron /run/crond.pid\necho not reached",
      {},
      { PATH: `${bin}:/usr/bin:/bin` },
    );
    expect(result).toEqual({
      exitCode: 1,
      stderr: " !     cron did not start: /run/crond.pid names no running process\n",
      stdout: "",
    });
  }, 20_000);

  test("with systemd, cron is enabled and started through systemctl", async () => {
    using dir = tempDir("dokku-cron-systemd-");
    const { bin, calls } = standIns(dir.path);
    const result = await inPrivateRun(
      dir.path,
      "mkdir -p /run/systemd/system\nstart_services",
      {},
      { PATH: `${bin}:/usr/bin:/bin` },
    );
    expect(result).toEqual({
      exitCode: 0,
      stderr: "",
      stdout: expect.stringContaining("       cron enabled: it runs the apps' app.json cron tasks\n"),
    });
    expect(callsOf(calls)).toContain("systemctl enable --now cron");
    expect(callsOf(calls).filter((call) => call.startsWith("cron"))).toEqual([]);
  });

  test("DOKKU_SKIP_SERVICES=1 starts no cron", async () => {
    using dir = tempDir("dokku-cron-skip-");
    const { bin, calls } = standIns(dir.path);
    const result = await inPrivateRun(
      dir.path,
      "start_services",
      {},
      { PATH: `${bin}:/usr/bin:/bin`, DOKKU_SKIP_SERVICES: "1" },
    );
    expect(result).toEqual({ exitCode: 0, stderr: "", stdout: "       Skipping services (DOKKU_SKIP_SERVICES=1)\n" });
    expect(callsOf(calls)).toEqual([]);
  });

  // the @reboot line waits for `docker info` to answer (up to two minutes) before ps:restore
  test.skipIf(!machine.docker)(
    "Debian's cron, started by start_cron, runs the @reboot restore line and the minute retire line it wrote",
    async () => {
      using dir = tempDir("dokku-cron-real-");
      chmodSync(dir.path, 0o755);
      const bin = join(dir.path, "bin");
      const calls = join(dir.path, "calls");
      const logs = join(dir.path, "logs");
      const spool = join(dir.path, "spool");
      for (const path of [bin, logs, spool, join(dir.path, "cron.d")]) mkdirSync(path);
      chmodSync(spool, 0o730);
      writeFileSync(join(dir.path, "crontab"), "");
      standIn(bin, "dokku", `echo "dokku $* DOKKU_ROOT=$DOKKU_ROOT" >> ${calls}\necho "$1 done"`);
      // the real cron sees only this test's files: its cron.d, an empty /etc/crontab, an empty spool
      const binds = {
        "/etc/cron.d": join(dir.path, "cron.d"),
        "/etc/crontab": join(dir.path, "crontab"),
        "/var/spool/cron/crontabs": spool,
      };
      const roots = {
        DOKKU_USER: "root",
        DOKKU_ROOT: "/srv/home",
        DOKKU_LIB_ROOT: "/srv/lib",
        DOKKU_LOGS_DIR: logs,
        DOKKU_BIN_DIR: bin,
        DOKKU_CRON_DIR: "/etc/cron.d",
      };
      // whatever happens, the daemon's pid reaches the test, which ends it
      const pidCopy = join(dir.path, "crond.pid");
      const script = `trap 'cat /run/crond.pid > ${pidCopy} 2>/dev/null' EXIT\nsetup_retire_timer\nsetup_restore_on_boot\nstart_cron /run/crond.pid\nstart_cron /run/crond.pid`;
      const result = await inPrivateRun(dir.path, script, binds, roots);
      const pid = existsSync(pidCopy) ? Number(readFileSync(pidCopy, "utf8").trim()) : 0;
      try {
        expect({
          exitCode: result.exitCode,
          stderr: result.stderr,
          lines: result.stdout.trimEnd().split("\n").slice(2, 4),
        }).toEqual({
          exitCode: 0,
          stderr: "",
          lines: ["       cron started", "       cron running"],
        });
        expect(readFileSync(`/proc/${pid}/comm`, "utf8")).toBe("cron\n");
        await until("the @reboot line", 30_000, () => callsOf(calls).includes("dokku ps:restore DOKKU_ROOT=/srv/home"));
        await until("the every-minute line", 75_000, () =>
          callsOf(calls).includes("dokku ps:retire DOKKU_ROOT=/srv/home"),
        );
        expect({
          restore: readFileSync(join(logs, "restore.log"), "utf8"),
          retire: readFileSync(join(logs, "retire.log"), "utf8"),
        }).toEqual({
          restore: "ps:restore done\n",
          retire: expect.stringMatching(/^(ps:retire done\n)+$/),
        });
      } finally {
        if (pid > 1 && existsSync(`/proc/${pid}`)) process.kill(pid, "SIGTERM");
      }
    },
    120_000,
  );
});
