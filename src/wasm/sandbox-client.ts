/**
 * The parent side of the sandbox: calls into plugins run in a child process of this same binary
 * (sandbox-child.ts), started on the first call, reused for the next ones, killed at a call's
 * deadline or when this process exits. What a plugin prints streams to the caller's output as it
 * comes; the result comes back as parsed JSON, a failure as a PluginCallError.
 */
import type { Subprocess } from "bun";
import type { Context } from "../core/context";
import type { Paths } from "../core/paths";
import { terminalText } from "../core/terminal-text";
import { PluginCallError } from "./plugin-call-error";
import { pluginModulePath } from "./registry";
import {
  encodeLine,
  LineSplitter,
  parseChildMessage,
  SANDBOX_COMMAND,
  SANDBOX_ENV,
  selfCommand,
  type CallRequest,
  type ChildMessage,
} from "./sandbox-protocol";
import type { InstalledPlugin, PluginCall } from "./types";

/** Every child gets room for a plugin of at least this much memory, so most never need a bigger one. */
const MIN_BUDGET_MB = 64;
/** Signals by which the runtime itself crashes (not a kill from outside). */
const RUNTIME_CRASHES = new Set(["SIGSEGV", "SIGBUS", "SIGILL", "SIGABRT", "SIGFPE"]);
/** A child that has not said it is ready by then is given up on. */
const STARTUP_TIMEOUT_MS = 10_000;

type Child = Subprocess<"pipe", "pipe", "pipe">;

interface Pending {
  readonly id: number;
  readonly plugin: string;
  readonly what: string;
  readonly request: CallRequest;
  /** The child the request went to (another one when the first died before it was ready). */
  child: Child;
  /** The request was sent again to a fresh child once already. */
  restarted: boolean;
  readonly ctx: Context;
  readonly timeoutMs: number;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  timer?: ReturnType<typeof setTimeout>;
}

/** One sandbox child at a time, for one command's contexts. */
class Sandbox {
  private child: Child | undefined;
  private budgetMb = 0;
  private ready = false;
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private stderrTail = "";
  private startupTimer: ReturnType<typeof setTimeout> | undefined;
  /** Plugins that ran past a deadline in this command, with what they were called for. */
  private readonly timedOut = new Map<string, string>();

  constructor(private readonly command: readonly string[]) {}

  /** Calls run one after the other, in the order they were made. */
  call(ctx: Context, plugin: InstalledPlugin, call: PluginCall): Promise<unknown> {
    const run = this.queue.then(() => this.run(ctx, plugin, call));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private run(ctx: Context, plugin: InstalledPlugin, call: PluginCall): Promise<unknown> {
    const { limits, name, module } = plugin.manifest;
    // a plugin that looped once is not given its whole timeout again for the rest of the command
    const earlier = this.timedOut.get(name);
    if (earlier !== undefined)
      return Promise.reject(
        new PluginCallError("timeout", `not called: it timed out on ${earlier} earlier in this command`),
      );
    const budget = Math.max(MIN_BUDGET_MB, limits.memoryMb);
    if (this.child && this.budgetMb < budget) this.end();
    const child = this.child ?? this.spawn(budget);
    const request: CallRequest = {
      type: "call",
      id: this.nextId++,
      plugin: name,
      modulePath: pluginModulePath(plugin),
      sha256: module.sha256,
      export: call.export,
      input: JSON.stringify(call.input ?? null),
      app: call.app,
      grants: plugin.grants,
      limits,
      libRoot: ctx.paths.libRoot,
      dokkuRoot: ctx.paths.dokkuRoot,
      owner: ctx.owner ?? null,
    };
    const started = performance.now();
    const result = new Promise<unknown>((resolve, reject) => {
      this.pending = {
        id: request.id,
        plugin: name,
        what: call.what,
        request,
        child,
        restarted: false,
        ctx,
        timeoutMs: limits.timeoutMs,
        resolve,
        reject,
      };
      if (this.ready) this.startDeadline();
      this.send(child, request);
    });
    if (!ctx.out.tracing) return result;
    return result.finally(() =>
      ctx.out.trace(`plugin ${name}: ${call.what} took ${(performance.now() - started).toFixed(1)} ms`),
    );
  }

  /** Writes the request to the child; a child that stopped reading fails the call (one not yet ready is left to onExit). */
  private send(child: Child, request: CallRequest): void {
    const stopped = () => {
      if (this.ready) this.fail(child, "crashed", "the sandbox process stopped reading");
    };
    try {
      child.stdin.write(encodeLine(request));
      Promise.resolve(child.stdin.flush()).catch(stopped);
    } catch {
      stopped();
    }
  }

  private spawn(budgetMb: number): Child {
    const child = Bun.spawn([...this.command, SANDBOX_COMMAND, "start", String(budgetMb)], {
      stdin: "pipe",
      stdout: "pipe",
      stderr: "pipe",
      env: { ...SANDBOX_ENV },
    });
    child.unref();
    trackChild(child);
    this.child = child;
    this.budgetMb = budgetMb;
    this.ready = false;
    this.stderrTail = "";
    this.startupTimer = setTimeout(
      () => this.fail(child, "crashed", `the sandbox process did not start within ${STARTUP_TIMEOUT_MS} ms`),
      STARTUP_TIMEOUT_MS,
    );
    const stdoutDone = this.readLines(child.stdout, (line) => this.onLine(child, line)).catch(() => undefined);
    void this.readStderr(child);
    void Promise.all([child.exited, stdoutDone]).then(([code]) => this.onExit(child, code));
    return child;
  }

  private onLine(child: Child, line: string): void {
    if (child !== this.child) return;
    const message = parseChildMessage(line);
    if (message === undefined) {
      this.stderrTail = `${this.stderrTail}${line}\n`.slice(-4096);
      return;
    }
    if (message.type === "ready") {
      this.ready = true;
      clearTimeout(this.startupTimer);
      if (this.pending) this.startDeadline();
      return;
    }
    const pending = this.pending;
    if (!pending || pending.id !== message.id) return;
    if (message.type === "output") {
      printLine(pending.ctx, message);
      return;
    }
    this.settle();
    if (message.type === "error") {
      // After running out of memory the child exits by design: the next call needs a new one.
      if (message.reason === "memory") this.end();
      pending.reject(new PluginCallError(message.reason, message.message));
      return;
    }
    try {
      pending.resolve(parseOutput(message.output));
    } catch (error) {
      pending.reject(error);
    }
  }

  private startDeadline(): void {
    const pending = this.pending;
    if (!pending || pending.timer) return;
    pending.timer = setTimeout(() => {
      this.timedOut.set(pending.plugin, pending.what);
      this.fail(pending.child, "timeout", `timed out after ${pending.timeoutMs} ms`);
    }, pending.timeoutMs);
  }

  /** Fails the pending call of `child` and kills it: the next call starts a fresh one. */
  private fail(child: Child, reason: "timeout" | "crashed", message: string): void {
    if (child !== this.child) return;
    const pending = this.pending;
    this.end();
    pending?.reject(new PluginCallError(reason, message));
  }

  private onExit(child: Child, code: number): void {
    if (child !== this.child) return;
    const signal = child.signalCode;
    const pending = this.pending;
    if (!this.ready && signal && RUNTIME_CRASHES.has(String(signal)) && pending && !pending.restarted) {
      // the runtime crashed while still starting (a SIGSEGV inside Bun was seen in 0.3 % of starts
      // when the child allocated between setrlimit and execve; rlimit.ts no longer does): no plugin
      // code ran, so the call goes to a fresh child, once. A kill from outside is not retried.
      clearTimeout(this.startupTimer);
      this.child = undefined;
      pending.ctx.out.trace(`the sandbox process died (signal ${signal}) before it was ready; starting another`);
      pending.child = this.spawn(this.budgetMb);
      pending.restarted = true;
      this.send(pending.child, pending.request);
      return;
    }
    const tail = this.stderrTail.trim().split("\n").pop() ?? "";
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    this.fail(
      child,
      "crashed",
      `the sandbox process died (${how})${this.ready ? "" : " while starting"}${tail ? `: ${tail}` : ""}`,
    );
  }

  private settle(): void {
    clearTimeout(this.pending?.timer);
    this.pending = undefined;
  }

  /** Kills the current child, if any. */
  end(): void {
    const child = this.child;
    this.settle();
    clearTimeout(this.startupTimer);
    this.child = undefined;
    this.ready = false;
    child?.kill("SIGKILL");
  }

  private async readLines(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void): Promise<void> {
    const splitter = new LineSplitter();
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      for (const line of splitter.push(decoder.decode(chunk, { stream: true }))) onLine(line);
    }
  }

  private async readStderr(child: Child): Promise<void> {
    const decoder = new TextDecoder();
    for await (const chunk of child.stderr) {
      if (child === this.child)
        this.stderrTail = (this.stderrTail + decoder.decode(chunk, { stream: true })).slice(-4096);
    }
  }
}

/** A line the plugin printed (`dokku_output`), without escape sequences or control characters. */
function printLine(ctx: Context, message: Extract<ChildMessage, { type: "output" }>): void {
  ctx.out[message.level](terminalText(message.text));
}

/** The plugin's output as JSON; null when it set none. Throws a bad-output PluginCallError. */
function parseOutput(output: string | null): unknown {
  if (output === null || output.trim() === "") return null;
  try {
    return JSON.parse(output);
  } catch {
    const shown = output.length > 60 ? `${output.slice(0, 60)}...` : output;
    throw new PluginCallError("bad-output", `output is not JSON: ${JSON.stringify(shown)}`);
  }
}

/** Children still running, killed when this process exits: the sandbox never outlives its command. */
const liveChildren = new Set<Child>();
let exitHookInstalled = false;

function trackChild(child: Child): void {
  liveChildren.add(child);
  void child.exited.then(() => liveChildren.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const running of liveChildren) running.kill("SIGKILL");
  });
}

/** One sandbox per command: contexts derived from one (a deploy's, writing to the build log) share its paths. */
const sandboxes = new WeakMap<Paths, Sandbox>();

/**
 * Runs `call.export` of `plugin` in the sandbox: its `dokku_output` lines go to `ctx.out` as they
 * come; returns the parsed JSON output (null when empty). Throws PluginCallError.
 */
export function callPlugin(ctx: Context, plugin: InstalledPlugin, call: PluginCall): Promise<unknown> {
  let sandbox = sandboxes.get(ctx.paths);
  if (!sandbox) {
    sandbox = new Sandbox(selfCommand(ctx.executablePath));
    sandboxes.set(ctx.paths, sandbox);
  }
  return sandbox.call(ctx, plugin, call);
}

/** Ends the sandbox child of this command's contexts, if one runs (tests; the process's exit does it otherwise). */
export function endSandbox(ctx: Pick<Context, "paths">): void {
  sandboxes.get(ctx.paths)?.end();
}
