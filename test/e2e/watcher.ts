import type { Subprocess } from "bun";
import { DOKKU_BIN } from "../harness";

/** `dokku proxy:watch` run by a test, its output collected as it comes. */
export interface Watcher extends AsyncDisposable {
  readonly child: Subprocess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Waits until its output matches `pattern`; fails with the output after `timeoutMs`, or when it exits. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** Starts the compiled binary's `proxy:watch` with `env`; SIGTERM (then SIGKILL after 10 s) at the end of the scope. */
export function startWatcher(env: Record<string, string>): Watcher {
  const child = Bun.spawn([DOKKU_BIN, "proxy:watch"], {
    env: { ...process.env, SSH_ORIGINAL_COMMAND: undefined, NAME: undefined, ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  let text = "";
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) text += decoder.decode(chunk, { stream: true });
  };
  const collected = Promise.all([collect(child.stdout), collect(child.stderr)]);
  return {
    child,
    output: () => text,
    async waitFor(pattern, timeoutMs = 30_000) {
      for (const deadline = Date.now() + timeoutMs; !pattern.test(text); await Bun.sleep(50)) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`the watcher did not print ${pattern} (exit ${child.exitCode}):\n${text}`);
      }
    },
    async [Symbol.asyncDispose]() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await Promise.race([child.exited, Bun.sleep(10_000).then(() => child.kill("SIGKILL"))]);
      await collected;
    },
  };
}
