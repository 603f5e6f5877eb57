import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { DokkuError } from "../core/errors";
import { atomicWriteFileSync } from "../store/atomic-write";
import { acquireLock } from "../store/file-lock";
import type { StateOwner } from "../store/ownership";

/** How to drive nginx: from DOKKU_NGINX_BIN / DOKKU_NGINX_CONF and who we run as. */
export interface NginxOptions {
  readonly bin: string;
  /** A main nginx.conf to use instead of the compiled-in one (tests' own nginx). */
  readonly conf?: string;
  /** `sudo -n` in front: the dokku user, allowed exactly `nginx -t` and `nginx -s reload` by sudoers. */
  readonly sudo: boolean;
}

export const DEFAULT_NGINX_BIN = "/usr/sbin/nginx";
const SYSTEM_CONF = "/etc/nginx/nginx.conf";
const SYSTEM_PID = "/run/nginx.pid";
const RELOAD_WAIT_MS = 10_000;
const RELOAD_POLL_MS = 20;

export function nginxOptionsFrom(env: Readonly<Record<string, string | undefined>>, isRoot: boolean): NginxOptions {
  const conf = env.DOKKU_NGINX_CONF || undefined;
  return { bin: env.DOKKU_NGINX_BIN || DEFAULT_NGINX_BIN, conf, sudo: !isRoot && conf === undefined };
}

/**
 * Debian's default site as nginx would load it: `sites-enabled/default` beside the main config
 * (DOKKU_NGINX_CONF's, else /etc/nginx/nginx.conf). Pure.
 */
export function defaultSitePath(options: NginxOptions): string {
  const conf = options.conf ?? SYSTEM_CONF;
  return `${conf.slice(0, conf.lastIndexOf("/"))}/sites-enabled/default`;
}

/** The argv of `nginx -t`, `nginx -s reload`, `nginx -v`. Pure. */
export function nginxArgv(options: NginxOptions, action: "test" | "reload" | "version"): string[] {
  if (action === "version") return [options.bin, "-v"];
  const args = action === "test" ? ["-t"] : ["-s", "reload"];
  const conf = options.conf ? ["-c", options.conf] : [];
  return [...(options.sudo ? ["sudo", "-n"] : []), options.bin, ...args, ...conf];
}

/** The `pid` directive of a main nginx config, if any. Pure. */
export function pidPathIn(mainConfig: string): string | undefined {
  return /^\s*pid\s+([^\s;]+)\s*;/m.exec(mainConfig)?.[1];
}

export interface NginxResult {
  readonly ok: boolean;
  /** What nginx printed (stderr then stdout), trimmed. */
  readonly output: string;
}

/** The nginx the proxy drives. A fake implements it in unit tests. */
export interface Nginx {
  /** `nginx -t` of the whole server config. */
  test(): Promise<NginxResult>;
  /** `nginx -s reload`, then waits until the master runs new workers (the new config is live). */
  reload(): Promise<NginxResult>;
  /** Whether the master process runs (its pid file names a live process). */
  running(): boolean;
  /** `1.22.1`, or undefined when nginx is missing. */
  version(): Promise<string | undefined>;
}

export function nginxExecutor(options: NginxOptions): Nginx {
  const pidFile = () => {
    const conf = options.conf ?? SYSTEM_CONF;
    const declared = existsSync(conf) ? pidPathIn(readFileSync(conf, "utf8")) : undefined;
    return declared ?? SYSTEM_PID;
  };
  const masterPid = (): number | undefined => {
    let pid: number;
    try {
      pid = Number(readFileSync(pidFile(), "utf8").trim());
    } catch {
      return undefined;
    }
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    try {
      process.kill(pid, 0);
      return pid;
    } catch (error) {
      // a root master seen by the dokku user: alive, just not ours to signal
      return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : undefined;
    }
  };
  return {
    test: () => run(nginxArgv(options, "test")),
    async reload() {
      const master = masterPid();
      const before = master === undefined ? new Set<number>() : childrenOf(master);
      const sent = await run(nginxArgv(options, "reload"));
      if (!sent.ok || master === undefined) return sent;
      // live once the master runs new workers and every old one has stopped accepting (gone, or
      // "shutting down": it closes its listening sockets as it takes that title)
      for (const deadline = Date.now() + RELOAD_WAIT_MS; Date.now() < deadline; await Bun.sleep(RELOAD_POLL_MS)) {
        const now = childrenOf(master);
        if (
          [...now].some((pid) => !before.has(pid)) &&
          [...before].every((pid) => !now.has(pid) || isShuttingDown(pid))
        )
          return sent;
      }
      return {
        ok: false,
        output: `nginx did not start workers with the new config within ${RELOAD_WAIT_MS / 1000}s (see its error log)`,
      };
    },
    running: () => masterPid() !== undefined,
    async version() {
      const result = await run(nginxArgv(options, "version"));
      return /nginx\/(\d+\.\d+\.\d+)/.exec(result.output)?.[1];
    },
  };
}

async function run(argv: readonly string[]): Promise<NginxResult> {
  try {
    const child = Bun.spawn([...argv], { stdin: "ignore", stdout: "pipe", stderr: "pipe" });
    const [stdout, stderr, code] = await Promise.all([
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
      child.exited,
    ]);
    return { ok: code === 0, output: `${stderr}${stdout}`.trim() };
  } catch (error) {
    return { ok: false, output: `could not run ${argv.join(" ")}: ${(error as Error).message}` };
  }
}

/** Whether an nginx worker took the title of one that stopped accepting. */
function isShuttingDown(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("shutting down");
  } catch {
    return true;
  }
}

/** The master's child processes (its workers), from /proc. */
function childrenOf(pid: number): Set<number> {
  try {
    return new Set(
      readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    const children = new Set<number>();
    for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) children.add(Number(entry));
      } catch {
        // the process went away
      }
    }
    return children;
  }
}

export interface ConfigChange {
  /** The live per-app file, `$DOKKU_ROOT/<app>/nginx.conf`. */
  readonly path: string;
  /** The new content; undefined removes the file. */
  readonly text: string | undefined;
  /** Serialises every change of the server's nginx config. */
  readonly lockPath: string;
  readonly owner?: StateOwner;
  /** Runs under the lock right before a new text is written; throwing keeps the old file. */
  readonly beforeWrite?: () => Promise<void>;
  /** Runs once the candidate is on disk, before nginx checks or loads it (a crash point for the tests). */
  readonly afterWrite?: () => void;
}

export type ChangeOutcome = "reloaded" | "unchanged" | "written";

/**
 * Puts `change` live, or leaves the old file and throws nginx's error. Under the lock, after
 * `beforeWrite` (the caller's last check of what the text routes to), the candidate replaces
 * the file (atomically) and `nginx -t` checks the whole server config with it in place; a
 * failure restores the old file before anyone reloads. nginx reads files only
 * on reload, and a reload of a config that fails its check keeps the running one, so a bad
 * candidate never serves. Then reload, waiting for the new workers; a reload that fails also
 * restores the old file. When nginx is not running the file is written and checked at start.
 */
export async function changeConfig(nginx: Nginx, change: ConfigChange): Promise<ChangeOutcome> {
  using _lock = await acquireLock(change.lockPath, {
    timeoutMs: 60_000,
    owner: change.owner,
    busyMessage: "nginx is busy: another command is changing its config",
  });
  const old = existsSync(change.path) ? readFileSync(change.path, "utf8") : undefined;
  if (old === change.text) return "unchanged";
  if (change.text !== undefined) await change.beforeWrite?.();
  const put = (text: string | undefined) =>
    text === undefined
      ? rmSync(change.path, { force: true })
      : atomicWriteFileSync(change.path, text, { owner: change.owner });
  put(change.text);
  change.afterWrite?.();
  if (!nginx.running()) return "written";
  const tested = await nginx.test();
  if (!tested.ok) {
    put(old);
    throw new DokkuError(`nginx refused the new config (the old one stays live):\n${tested.output}`, {
      code: "nginx-invalid",
    });
  }
  const reloaded = await nginx.reload();
  if (!reloaded.ok) {
    put(old);
    throw new DokkuError(`nginx could not reload (the old config stays live):\n${reloaded.output}`, {
      code: "nginx-reload-failed",
    });
  }
  return "reloaded";
}
