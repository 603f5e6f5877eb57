import { isDokkuError } from "../src/core/errors";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(import.meta.dir, "..");
/** The compiled executable; `bun run test` builds it first. */
export const DOKKU_BIN = process.env.DOKKU_BIN ?? join(REPO_ROOT, "dist", "dokku");

/** A temp dir removed at the end of the `using` scope. */
export function tempDir(prefix = "dokku-test-"): { path: string } & Disposable {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, [Symbol.dispose]: () => rmSync(path, { recursive: true, force: true }) };
}

/** Fresh DOKKU_ROOT, DOKKU_LIB_ROOT and DOKKU_LOGS_DIR under one temp dir. */
export function tempRoots(): { dir: string; env: Record<string, string>; stateRoots: string[] } & Disposable {
  const dir = tempDir();
  // traversable as install.sh makes DOKKU_ROOT (0755), not mkdtemp's 0700: nginx's workers read
  // an app's snippet files, and tests run commands as users other than root
  chmodSync(dir.path, 0o755);
  const roots = {
    DOKKU_ROOT: join(dir.path, "home"),
    DOKKU_LIB_ROOT: join(dir.path, "lib"),
    DOKKU_LOGS_DIR: join(dir.path, "logs"),
  };
  for (const path of Object.values(roots)) mkdirSync(path, { recursive: true });
  const env = { ...roots, ...ownNginxAndCrontab(dir.path) };
  return { dir: dir.path, env, stateRoots: Object.values(roots), [Symbol.dispose]: () => dir[Symbol.dispose]() };
}

/**
 * The environment that keeps the binary off the machine's own nginx and crontab, with files
 * under `dir`: on a server where install.sh ran, the machine's nginx runs (/run/nginx.pid) and
 * the binary would test and reload it (with `sudo -n` when not root) after every config change.
 * The product sees a main config of this test's, whose master never runs (tests that need
 * nginx start their own: test/e2e/nginx.ts), and app.json cron entries land in a file
 * (src/plugins/cron) instead of a user's crontab.
 */
export function ownNginxAndCrontab(dir: string): {
  DOKKU_NGINX_CONF: string;
  DOKKU_NGINX_LOG_ROOT: string;
  DOKKU_CRONTAB_FILE: string;
} {
  const nginxConf = join(dir, "nginx.conf");
  writeFileSync(nginxConf, `pid ${join(dir, "nginx.pid")};\n`);
  return {
    DOKKU_NGINX_CONF: nginxConf,
    DOKKU_NGINX_LOG_ROOT: join(dir, "nginx-logs"),
    DOKKU_CRONTAB_FILE: join(dir, "crontab"),
  };
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/**
 * Runs a program with argv (never through a shell), the given environment on top of this
 * process's (a key set to undefined is removed), and optional stdin; collects both streams.
 */
export async function runProgram(
  argv: readonly string[],
  options: { env?: Record<string, string | undefined>; stdin?: string } = {},
): Promise<RunResult> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...options.env })) {
    if (value !== undefined) env[key] = value;
  }
  const child = Bun.spawn([...argv], {
    env,
    stdin: options.stdin === undefined ? "ignore" : new Blob([options.stdin]),
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

/** Runs the compiled binary as a local user would: no SSH_ORIGINAL_COMMAND, no NAME. */
export function runDokku(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; stdin?: string } = {},
): Promise<RunResult> {
  return runProgram([DOKKU_BIN, ...args], {
    stdin: options.stdin,
    env: { SSH_ORIGINAL_COMMAND: undefined, NAME: undefined, ...options.env },
  });
}

/** The message of the DokkuError `fn` throws; any other outcome fails the test. */
export function dokkuErrorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isDokkuError(error)) return error.message;
    throw error;
  }
  throw new Error("expected a DokkuError, but nothing was thrown");
}

/** The message of the DokkuError the promise rejects with; any other outcome fails the test. */
export async function dokkuErrorOfAsync(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (isDokkuError(error)) return error.message;
    throw error;
  }
  throw new Error("expected a DokkuError, but the promise resolved");
}
