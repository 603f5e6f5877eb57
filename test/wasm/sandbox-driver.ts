/**
 * Speaks the sandbox protocol to `dokku __wasm-sandbox start <mb>` of the compiled binary, for
 * tests of the child alone (no client in between).
 */
import type { Subprocess } from "bun";
import { readFileSync } from "node:fs";
import {
  encodeLine,
  LineSplitter,
  parseChildMessage,
  SANDBOX_COMMAND,
  SANDBOX_ENV,
  type CallRequest,
  type ChildMessage,
} from "../../src/wasm/sandbox-protocol";
import { DOKKU_BIN } from "../harness";
import type { BuiltModule } from "./sandbox-fixture";
import { ALL_GRANTS } from "./sandbox-fixture";

export class ChildDriver implements Disposable {
  readonly messages: ChildMessage[] = [];
  readonly stray: string[] = [];
  private readonly waiters: (() => void)[] = [];
  private nextId = 1;
  readonly proc: Subprocess<"pipe", "pipe", "pipe">;
  readonly done: Promise<void>;

  constructor(memoryMb = 64, argv: readonly string[] = ["start", String(memoryMb)]) {
    this.proc = Bun.spawn([DOKKU_BIN, SANDBOX_COMMAND, ...argv], {
      stdin: "pipe",
      stdout: "pipe",
      stderr: "pipe",
      env: { ...SANDBOX_ENV },
    });
    this.done = this.read();
  }

  private async read(): Promise<void> {
    const splitter = new LineSplitter();
    const decoder = new TextDecoder();
    for await (const chunk of this.proc.stdout) {
      for (const line of splitter.push(decoder.decode(chunk, { stream: true }))) {
        const message = parseChildMessage(line);
        if (message) this.messages.push(message);
        else this.stray.push(line);
        for (const wake of this.waiters.splice(0)) wake();
      }
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Sends one call; resolves with its messages once its result or error came (or the child ended). */
  async call(
    module: BuiltModule,
    fields: Partial<CallRequest> & { export: string },
    input = "",
  ): Promise<ChildMessage[]> {
    const id = this.nextId++;
    const request: CallRequest = {
      type: "call",
      id,
      plugin: "probe",
      modulePath: module.path,
      sha256: module.sha256,
      input,
      app: "web",
      grants: ALL_GRANTS,
      limits: { timeoutMs: 5000, memoryMb: 16 },
      libRoot: "/nonexistent/lib",
      dokkuRoot: "/nonexistent/home",
      owner: null,
      ...fields,
    };
    this.proc.stdin.write(encodeLine(request));
    await this.proc.stdin.flush();
    let ended = false;
    void this.done.then(() => (ended = true));
    const mine = () => this.messages.filter((message) => "id" in message && message.id === id);
    const finished = () => mine().some((message) => message.type === "result" || message.type === "error");
    while (!finished() && !ended) await new Promise<void>((wake) => this.waiters.push(wake));
    return mine();
  }

  /** The last message of a call: its result or error. */
  async outcome(
    module: BuiltModule,
    fields: Partial<CallRequest> & { export: string },
    input = "",
  ): Promise<ChildMessage | undefined> {
    return (await this.call(module, fields, input)).at(-1);
  }

  async close(): Promise<number> {
    this.proc.stdin.end();
    return await this.proc.exited;
  }

  [Symbol.dispose](): void {
    this.proc.kill("SIGKILL");
  }
}

/** Pids of this process's children whose command line holds the sandbox's hidden word. */
export function sandboxChildren(parent = process.pid): number[] {
  const found: number[] = [];
  for (const entry of new Bun.Glob("[0-9]*").scanSync({ cwd: "/proc", onlyFiles: false })) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== parent) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(SANDBOX_COMMAND)) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/** Whether a process is still alive (and not a zombie). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}
