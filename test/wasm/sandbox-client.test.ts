import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "../../src/core/context";
import { memorySink } from "../../src/core/output";
import { createContext } from "../../src/runtime/create-context";
import { PluginCallError } from "../../src/wasm/plugin-call-error";
import { callPlugin, endSandbox } from "../../src/wasm/sandbox-client";
import type { InstalledPlugin, PluginCall } from "../../src/wasm/types";
import { DOKKU_BIN, tempDir, tempRoots } from "../harness";
import { alive, sandboxChildren } from "./sandbox-driver";
import { buildProbe, probePlugin, type BuiltModule } from "./sandbox-fixture";

let build: ReturnType<typeof tempDir>;
let module: BuiltModule;

beforeAll(async () => {
  build = tempDir("dokku-sandbox-client-");
  module = await buildProbe(build.path);
});

afterAll(() => build[Symbol.dispose]());

const contexts: Context[] = [];
afterEach(() => {
  for (const ctx of contexts.splice(0)) endSandbox(ctx);
});

function testContext(env: Record<string, string>): { ctx: Context; sink: ReturnType<typeof memorySink> } {
  const sink = memorySink();
  const ctx = createContext({
    env,
    flags: { quiet: false, trace: false, force: false },
    sink,
    executablePath: DOKKU_BIN,
  });
  contexts.push(ctx);
  return { ctx, sink };
}

function call(exportName: string, input: unknown = null): PluginCall {
  return { export: exportName, input, app: "web", what: exportName };
}

async function failureOf(promise: Promise<unknown>): Promise<{ reason: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PluginCallError) return { reason: error.reason, message: error.message };
    throw error;
  }
  throw new Error("expected a PluginCallError, but the call succeeded");
}

/** Waits (bounded, without sleeping) until this process has a sandbox child, and returns its pid. */
async function childPid(): Promise<number> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const [pid] = sandboxChildren();
    if (pid !== undefined && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("serve")) return pid;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error("no sandbox child appeared within 5 s");
}

async function gone(pid: number): Promise<boolean> {
  const deadline = Date.now() + 5000;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
  return !alive(pid);
}

describe("callPlugin", () => {
  test("returns the parsed output and streams the plugin's lines to the caller's output", async () => {
    using roots = tempRoots();
    const { ctx, sink } = testContext(roots.env);
    const plugin = probePlugin(module);
    expect(await callPlugin(ctx, plugin, call("chatty"))).toEqual({ done: true });
    expect(await callPlugin(ctx, plugin, call("echo", { list: [1, "two"] }))).toEqual({ list: [1, "two"] });
    expect(await callPlugin(ctx, plugin, call("call_output", { level: "print", text: "raw line" }))).toBe(0);
    expect(sink.out).toBe("-----> one\n       two\nraw line\n");
    expect(sink.err).toBe(" !     three\n");
  });

  test("issue 12: strips escape sequences, controls and \\r from what a plugin prints", async () => {
    using roots = tempRoots();
    const { ctx, sink } = testContext(roots.env);
    const plugin = probePlugin(module);
    const hostile = "a\x1b]52;c;cHduZWQ=\x07b\x1b[2Jc\x9b1;1Hd\x1b]0;title\x07e\rf\u202eg\ttab\nline";
    await callPlugin(ctx, plugin, call("call_output", { level: "step", text: hostile }));
    await callPlugin(ctx, plugin, call("call_output", { level: "warn", text: hostile }));
    expect({ out: sink.out, err: sink.err }).toEqual({
      out: "-----> abcdefg\ttab\n-----> line\n",
      err: " !     abcdefg\ttab\n !     line\n",
    });
  });

  test("returns null when the plugin sets no output", async () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    expect(await callPlugin(ctx, probePlugin(module), call("on_deploy_failed"))).toBeNull();
  });

  test("runs calls one at a time, in order, in one reused child", async () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    const plugin = probePlugin(module);
    const results = await Promise.all([1, 2, 3].map((n) => callPlugin(ctx, plugin, call("echo", n))));
    expect(results).toEqual([1, 2, 3]);
    expect(sandboxChildren()).toHaveLength(1);
  });

  test("fails with bad-output when the output is not JSON", async () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    expect(await failureOf(callPlugin(ctx, probePlugin(module), call("garbage")))).toEqual({
      reason: "bad-output",
      message: 'output is not JSON: "this is { not json"',
    });
  });

  test("kills a call at its deadline, leaves no process, and runs the next plugin's call in a fresh child", async () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    const looping = probePlugin(module, { limits: { timeoutMs: 300 } });
    const started = performance.now();
    const pending = callPlugin(ctx, looping, call("spin"));
    const pid = await childPid();
    expect(await failureOf(pending)).toEqual({ reason: "timeout", message: "timed out after 300 ms" });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(await gone(pid)).toBe(true);
    expect(await callPlugin(ctx, probePlugin(module, { name: "other" }), call("echo", "again"))).toBe("again");
    expect(sandboxChildren().filter((other) => other !== pid)).toHaveLength(1);
  });

  test("issue 12: a plugin that timed out is not called again in the same command: its next calls fail at once, naming the first", async () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    const looping = probePlugin(module, { limits: { timeoutMs: 300 } });
    const pending = callPlugin(ctx, looping, { ...call("spin"), what: "user-auth" });
    const pid = await childPid();
    expect(await failureOf(pending)).toEqual({ reason: "timeout", message: "timed out after 300 ms" });
    expect(await gone(pid)).toBe(true);
    // not run at all: no sandbox child is started for it, whichever export is asked for
    const again = await Promise.all(["spin", "echo"].map((name) => failureOf(callPlugin(ctx, looping, call(name, 1)))));
    expect({ again, children: sandboxChildren() }).toEqual({
      again: [0, 1].map(() => ({
        reason: "timeout",
        message: "not called: it timed out on user-auth earlier in this command",
      })),
      children: [],
    });
    // another command (another context, as a new process has) calls it again
    const { ctx: next } = testContext(roots.env);
    expect(await callPlugin(next, looping, call("echo", "next command"))).toBe("next command");
  });

  test("reports a child that dies mid-call as crashed", async () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    const plugin = probePlugin(module, { limits: { timeoutMs: 20_000 } });
    // a first call makes sure the child is up: the kill below lands in the middle of the second
    expect(await callPlugin(ctx, plugin, call("echo", 0))).toBe(0);
    const pending = callPlugin(ctx, plugin, call("spin"));
    process.kill(await childPid(), "SIGKILL");
    expect(await failureOf(pending)).toEqual({
      reason: "crashed",
      message: "the sandbox process died (signal SIGKILL)",
    });
    expect(await callPlugin(ctx, plugin, call("echo", 1))).toBe(1);
  });

  test("carries on in a fresh child after a plugin exhausted its memory", async () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    const plugin = probePlugin(module);
    expect(await failureOf(callPlugin(ctx, plugin, call("kernel_alloc")))).toEqual({
      reason: "memory",
      message: "ran out of memory (limit 16 MiB)",
    });
    expect(await failureOf(callPlugin(ctx, plugin, call("grow")))).toMatchObject({ reason: "memory" });
    expect(await callPlugin(ctx, plugin, call("echo", "still here"))).toBe("still here");
  });

  test("gives a plugin with a larger memory limit a child with room for it", async () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    expect(await callPlugin(ctx, probePlugin(module), call("echo", 1))).toBe(1);
    const small = await childPid();
    expect(
      await callPlugin(ctx, probePlugin(module, { name: "big", limits: { memoryMb: 200 } }), call("echo", 2)),
    ).toBe(2);
    expect(await gone(small)).toBe(true);
    const [big] = sandboxChildren();
    expect(readFileSync(`/proc/${big}/cmdline`, "utf8").split("\0")).toContain("200");
  });

  test("ends its child when asked, and the child leaves no process behind", async () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    const plugin: InstalledPlugin = probePlugin(module);
    expect(await callPlugin(ctx, plugin, call("echo", true))).toBe(true);
    const pid = await childPid();
    endSandbox(ctx);
    expect(await gone(pid)).toBe(true);
    expect(sandboxChildren()).toEqual([]);
  });
});

describe("a sandbox process that dies before it is ready", () => {
  /** An executable standing in for dokku: killed by SIGSEGV at its first `times` starts (as a runtime crash would be), the real binary after. */
  function crashingLauncher(dir: string, times: number): string {
    const count = join(dir, "starts");
    const path = join(dir, "dokku");
    writeFileSync(
      path,
      `#!/bin/sh\nn=$(cat ${count} 2>/dev/null || echo 0); echo $((n + 1)) > ${count}\nif [ "$n" -lt ${times} ]; then kill -SEGV $$; fi\nexec ${DOKKU_BIN} "$@"\n`,
    );
    chmodSync(path, 0o755);
    return path;
  }

  function launchedContext(env: Record<string, string>, executablePath: string): Context {
    const ctx = createContext({
      env,
      flags: { quiet: false, trace: false, force: false },
      sink: memorySink(),
      executablePath,
    });
    contexts.push(ctx);
    return ctx;
  }

  test("gets the call, once, in a fresh process: no plugin code had run", async () => {
    using roots = tempRoots();
    using dir = tempDir("dokku-sandbox-crash-");
    const ctx = launchedContext(roots.env, crashingLauncher(dir.path, 1));
    expect({
      result: await callPlugin(ctx, probePlugin(module), call("echo", 7)),
      starts: readFileSync(join(dir.path, "starts"), "utf8").trim(),
    }).toEqual({ result: 7, starts: "2" });
  });

  test("fails the call as crashed, naming the signal, when the fresh one dies too", async () => {
    using roots = tempRoots();
    using dir = tempDir("dokku-sandbox-crash-");
    const ctx = launchedContext(roots.env, crashingLauncher(dir.path, 2));
    expect(await failureOf(callPlugin(ctx, probePlugin(module), call("echo", 7)))).toEqual({
      reason: "crashed",
      message: "the sandbox process died (signal SIGSEGV) while starting",
    });
  });
});
