import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runProgram, tempDir, type RunResult } from "../harness";

/**
 * A real OpenSSH server for one test, on a free loopback port found at run time, stopped
 * (and its temp dir removed) at the end of the `using` / `await using` scope.
 */
export const SSHD_PATH = "/usr/sbin/sshd";
export const SSH_HOST = "127.0.0.1";

export function sshdAvailable(): boolean {
  return existsSync(SSHD_PATH);
}

export interface SshdOptions {
  /** The authorized_keys file sshd reads (the temp DOKKU_ROOT's `.ssh/authorized_keys`). */
  readonly authorizedKeysFile: string;
  /** Variables every session gets, via sshd's `SetEnv` (DOKKU_ROOT, DOKKU_LIB_ROOT, ...). */
  readonly env?: Readonly<Record<string, string>>;
  /** The only user allowed to log in; default the user running the tests. */
  readonly user?: string;
}

export interface Sshd extends Disposable, AsyncDisposable {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly logFile: string;
  /** Everything sshd has logged so far, for failure messages. */
  log(): string;
  /** `ssh` argv (without the remote command) logging in with `identityFile`, non-interactive. */
  sshArgv(identityFile: string): string[];
  /** GIT_SSH_COMMAND for `git push` through this server. */
  gitSshCommand(identityFile: string): string;
  /** Runs `ssh ... <command>`: sshd puts `command` into SSH_ORIGINAL_COMMAND as one string. */
  ssh(identityFile: string, command: string, options?: { stdin?: string }): Promise<RunResult>;
}

const MAX_START_ATTEMPTS = 5;

export async function startSshd(options: SshdOptions): Promise<Sshd> {
  const dir = tempDir("dokku-sshd-");
  try {
    ensurePrivsepDir();
    const hostKey = join(dir.path, "ssh_host_ed25519_key");
    await mustRun(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "dokku-test-host", "-f", hostKey]);
    const user = options.user ?? currentUser();
    for (let attempt = 1; ; attempt++) {
      const port = freePort();
      const config = join(dir.path, "sshd_config");
      writeFileSync(config, sshdConfig({ ...options, user, port, hostKey }));
      const logFile = join(dir.path, `sshd-${attempt}.log`);
      const started = await launch(config, port, logFile);
      if (started.ok) return handle(started.child, dir, { port, user, logFile });
      if (!started.portTaken || attempt >= MAX_START_ATTEMPTS) {
        throw new Error(`sshd did not start:\n${readLog(logFile)}`);
      }
    }
  } catch (error) {
    dir[Symbol.dispose]();
    throw error;
  }
}

/** The temp sshd_config. Pure. */
export function sshdConfig(options: SshdOptions & { user: string; port: number; hostKey: string }): string {
  const env = Object.entries(options.env ?? {}).map(([key, value]) => {
    if (/["\n\\]/.test(key + value)) throw new Error(`cannot pass ${key} through SetEnv`);
    return `"${key}=${value}"`;
  });
  return [
    `Port ${options.port}`,
    `ListenAddress ${SSH_HOST}`,
    `HostKey ${options.hostKey}`,
    "PidFile none",
    `AuthorizedKeysFile "${options.authorizedKeysFile}"`,
    "StrictModes no",
    "PermitUserEnvironment no",
    "PubkeyAuthentication yes",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "PermitRootLogin prohibit-password",
    `AllowUsers ${options.user}`,
    ...(env.length > 0 ? [`SetEnv ${env.join(" ")}`] : []),
    "LogLevel VERBOSE",
    "",
  ].join("\n");
}

/** `id -un`: Bun's os.userInfo() may report "unknown" when it cannot read the passwd entry. */
function currentUser(): string {
  const result = Bun.spawnSync(["id", "-un"], { stdout: "pipe", stderr: "ignore" });
  const name = result.stdout.toString().trim();
  if (result.exitCode !== 0 || name === "") throw new Error("cannot tell which user runs the tests (id -un failed)");
  return name;
}

function ensurePrivsepDir(): void {
  try {
    mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  } catch {
    // not root: sshd then runs unprivileged and needs no privsep dir
  }
}

/** A port the kernel just handed out on the loopback; sshd binds it right after (retried if taken). */
function freePort(): number {
  const listener = Bun.listen({ hostname: SSH_HOST, port: 0, socket: { data() {} } });
  const port = listener.port;
  listener.stop(true);
  return port;
}

type Launch = { ok: true; child: Bun.Subprocess } | { ok: false; portTaken: boolean };

/** Starts sshd in the foreground; resolves once it logs that it listens, or when it exits. */
async function launch(config: string, port: number, logFile: string): Promise<Launch> {
  writeFileSync(logFile, "");
  const child = Bun.spawn([SSHD_PATH, "-D", "-e", "-f", config], { stdin: "ignore", stdout: "ignore", stderr: "pipe" });
  const ready = `Server listening on ${SSH_HOST} port ${port}.`;
  const listening = Promise.withResolvers<boolean>();
  let seen = "";
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of child.stderr) {
        const text = decoder.decode(chunk, { stream: true });
        appendFileSync(logFile, text);
        if (seen.includes(ready)) continue;
        seen += text;
        if (seen.includes(ready)) listening.resolve(true);
      }
    } catch {
      // the log file is gone once the server is stopped and its temp dir removed
    }
    listening.resolve(false);
  })();
  if (await listening.promise) return { ok: true, child };
  await child.exited;
  return { ok: false, portTaken: /Address already in use/.test(seen) };
}

function handle(
  child: Bun.Subprocess,
  dir: { path: string } & Disposable,
  info: { port: number; user: string; logFile: string },
): Sshd {
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  };
  const sshArgv = (identityFile: string) => [
    "ssh",
    "-F",
    "/dev/null",
    "-T",
    "-i",
    identityFile,
    "-p",
    String(info.port),
    "-o",
    "IdentitiesOnly=yes",
    "-o",
    "IdentityAgent=none",
    "-o",
    "BatchMode=yes",
    "-o",
    "StrictHostKeyChecking=no",
    "-o",
    "UserKnownHostsFile=/dev/null",
    "-o",
    "LogLevel=ERROR",
    `${info.user}@${SSH_HOST}`,
  ];
  return {
    host: SSH_HOST,
    ...info,
    log: () => readLog(info.logFile),
    sshArgv,
    gitSshCommand: (identityFile) => sshArgv(identityFile).slice(0, -1).join(" "),
    async ssh(identityFile, command, options = {}) {
      return run([...sshArgv(identityFile), command], options.stdin);
    },
    [Symbol.dispose]() {
      stop();
      dir[Symbol.dispose]();
    },
    async [Symbol.asyncDispose]() {
      stop();
      await child.exited;
      dir[Symbol.dispose]();
    },
  };
}

function readLog(logFile: string): string {
  return existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
}

/** Runs a client-side tool (ssh, ssh-keygen) with argv, never through a shell, without an ssh agent. */
export function run(argv: readonly string[], stdin?: string): Promise<RunResult> {
  return runProgram(argv, { stdin, env: { SSH_AUTH_SOCK: undefined } });
}

async function mustRun(argv: readonly string[]): Promise<void> {
  const result = await run(argv);
  if (result.exitCode !== 0) throw new Error(`${argv.join(" ")} failed (${result.exitCode}): ${result.stderr}`);
}

/** Generates an ed25519 key pair without a passphrase; returns the private key path (`.pub` beside it). */
export async function generateKey(dir: string, name = "id_ed25519", comment = "dokku-test"): Promise<string> {
  const path = join(dir, name);
  await mustRun(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path]);
  return path;
}
