import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, tempDir } from "../harness";

export const INSTALL_SH = join(REPO_ROOT, "install.sh");

/** Temp roots and a system user name unique to this run; the user is deleted on dispose. */
export interface Target extends Disposable {
  readonly dir: string;
  readonly user: string;
  readonly binDir: string;
  readonly stateDirs: readonly string[];
  readonly env: Record<string, string>;
}

export function installTarget(): Target {
  const dir = tempDir("dokku-install-");
  const user = `dokkutest${randomBytes(4).toString("hex")}`;
  const roots = { home: join(dir.path, "home"), lib: join(dir.path, "lib"), logs: join(dir.path, "logs") };
  const binDir = join(dir.path, "bin");
  const logrotateDir = join(dir.path, "logrotate.d");
  mkdirSync(logrotateDir);
  return {
    dir: dir.path,
    user,
    binDir,
    stateDirs: [
      roots.home,
      roots.lib,
      join(roots.lib, "config"),
      join(roots.lib, "data"),
      join(roots.lib, "plugins"),
      roots.logs,
    ],
    env: {
      DOKKU_USER: user,
      DOKKU_ROOT: roots.home,
      DOKKU_LIB_ROOT: roots.lib,
      DOKKU_LOGS_DIR: roots.logs,
      DOKKU_BIN_DIR: binDir,
      DOKKU_SKIP_PACKAGES: "1",
      DOKKU_SKIP_SERVICES: "1",
      DOKKU_CRON_DIR: join(dir.path, "cron.d"),
      DOKKU_NGINX_ROOT: join(dir.path, "nginx"),
      DOKKU_SUDOERS_DIR: join(dir.path, "sudoers.d"),
      DOKKU_LOGROTATE_DIR: logrotateDir,
    },
    [Symbol.dispose]() {
      if (uidOf(user) !== undefined) Bun.spawnSync(["userdel", user]);
      if (Bun.spawnSync(["getent", "group", user]).exitCode === 0) Bun.spawnSync(["groupdel", user]);
      dir[Symbol.dispose]();
    },
  };
}

export function uidOf(user: string): number | undefined {
  const result = Bun.spawnSync(["id", "-u", user]);
  return result.exitCode === 0 ? Number(result.stdout.toString().trim()) : undefined;
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Runs `argv` (sh with the script, or bare sh fed the script on stdin) with the target's env. */
export async function runInstaller(
  argv: readonly string[],
  env: Record<string, string>,
  options: { stdin?: Blob; cwd?: string } = {},
): Promise<RunResult> {
  const child = Bun.spawn([...argv], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin",
      HOME: "/root",
      NO_PROXY: "127.0.0.1,localhost",
      no_proxy: "127.0.0.1,localhost",
      ...env,
    },
    stdin: options.stdin ?? "ignore",
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
