import { describe, expect, test } from "bun:test";
import type { Context } from "../../src/core/context";
import { isDokkuError } from "../../src/core/errors";
import { createOutput, memorySink } from "../../src/core/output";
import { TriggerBus } from "../../src/triggers/bus";
import { declaredSource } from "../../src/triggers/declared";
import { Type } from "@sinclair/typebox";
import { ALL_TRIGGERS } from "../../sdk/triggers/all";
import { defineTrigger } from "../../sdk/triggers/define";

/** A `first` trigger, declared here so the kind is tested whatever the sdk declares. */
const DETECT = defineTrigger({
  name: "test-detect",
  kind: "first",
  version: 1,
  description: "Which builder builds this app?",
  payload: Type.Object({ app: Type.String() }),
  result: Type.Union([Type.String(), Type.Null()]),
});

/** The bus seen with untyped trigger names, for triggers declared only in this test. */
interface LooseBus {
  on(trigger: string, source: string, handler: (payload: { app: string }) => unknown): void;
  fire(trigger: string, payload: unknown): Promise<unknown>;
}

function firstBus() {
  const sink = memorySink();
  const ctx = { out: createOutput(sink) } as unknown as Context;
  const bus = new TriggerBus(
    () => ctx,
    declaredSource({ ...ALL_TRIGGERS, "test-detect": DETECT }),
  ) as unknown as LooseBus;
  return { bus, sink };
}

/** A bus whose handlers see a context with only an in-memory output. */
function testBus(options: { trace?: boolean } = {}) {
  const sink = memorySink();
  const ctx = { out: createOutput(sink, { trace: options.trace }) } as unknown as Context;
  return { bus: new TriggerBus(() => ctx), sink, ctx };
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isDokkuError(error)) throw new Error(`expected a DokkuError, got ${String(error)}`);
  return error.message;
}

const AUTH = { user: "alice", sshUser: "dokku", command: "apps:list", app: null, args: [] };

describe("TriggerBus", () => {
  test("notify runs every handler in order and hands each the payload and context", async () => {
    const { bus, ctx } = testBus();
    const calls: string[] = [];
    bus.on("post-create", "apps", (payload, context) => {
      calls.push(`apps ${payload.app} ${context === ctx}`);
      return null;
    });
    bus.on("post-create", "config", async (payload) => {
      calls.push(`config ${payload.app}`);
      return null;
    });
    expect(await bus.fire("post-create", { app: "web" })).toEqual({ failures: [] });
    expect(calls).toEqual(["apps web true", "config web"]);
    expect(bus.sources("post-create")).toEqual(["apps", "config"]);
  });

  test("notify carries on after a failing handler and reports the failure", async () => {
    const { bus, sink } = testBus();
    const calls: string[] = [];
    bus.on("post-delete", "first", () => {
      throw new Error("disk full");
    });
    bus.on("post-delete", "second", () => {
      calls.push("second");
      return null;
    });
    expect(await bus.fire("post-delete", { app: "web" })).toEqual({
      failures: [{ source: "first", message: "disk full" }],
    });
    expect(calls).toEqual(["second"]);
    expect(sink).toMatchObject({ out: "", err: " !     first failed on post-delete: disk full\n" });
  });

  test("notify with no handlers returns no failures", async () => {
    const { bus } = testBus();
    expect(await bus.fire("pre-delete", { app: "web" })).toEqual({ failures: [] });
  });

  test("collect concatenates the handlers' arrays in handler order", async () => {
    const { bus } = testBus();
    bus.on("app-list", "apps", () => ["b", "c"]);
    bus.on("app-list", "empty", () => []);
    bus.on("app-list", "wasm", async () => ["a"]);
    expect(await bus.fire("app-list", {})).toEqual(["b", "c", "a"]);
  });

  test("collect with no handlers returns an empty array", async () => {
    const { bus } = testBus();
    expect(await bus.fire("app-list", {})).toEqual([]);
  });

  test("collect fails naming the trigger and handler when a handler throws", async () => {
    const { bus } = testBus();
    bus.on("app-list", "broken", () => {
      throw new Error("boom");
    });
    expect(await rejection(bus.fire("app-list", {}))).toBe("broken failed on app-list: boom");
  });

  test("veto allows when every handler allows", async () => {
    const { bus } = testBus();
    bus.on("user-auth", "a", () => ({ allow: true }));
    bus.on("user-auth", "b", () => ({ allow: true }));
    expect(await bus.fire("user-auth", AUTH)).toEqual({ allowed: true });
  });

  test("veto stops at the first refusal and gives its reason", async () => {
    const { bus } = testBus();
    const calls: string[] = [];
    bus.on("user-auth", "a", () => {
      calls.push("a");
      return { allow: true };
    });
    bus.on("user-auth", "acl", () => {
      calls.push("acl");
      return { allow: false, reason: "alice may not run apps:list" };
    });
    bus.on("user-auth", "c", () => {
      calls.push("c");
      return { allow: true };
    });
    expect(await bus.fire("user-auth", AUTH)).toEqual({
      allowed: false,
      source: "acl",
      reason: "alice may not run apps:list",
    });
    expect(calls).toEqual(["a", "acl"]);
  });

  test("veto refuses when a handler throws, naming it", async () => {
    const { bus } = testBus();
    bus.on("user-auth", "acl", () => {
      throw new Error("acl file unreadable");
    });
    expect(await bus.fire("user-auth", AUTH)).toEqual({
      allowed: false,
      source: "acl",
      reason: "acl failed on user-auth: acl file unreadable",
    });
  });

  test("rejects an invalid payload naming the trigger, before any handler runs", async () => {
    const { bus } = testBus();
    let called = false;
    bus.on("post-create", "apps", () => {
      called = true;
      return null;
    });
    const message = await rejection(bus.fire("post-create", { app: 42 } as unknown as { app: string }));
    expect(message).toBe("Invalid payload of post-create: /app Expected string");
    expect(called).toBe(false);
  });

  test("rejects an invalid collect result naming the trigger and handler", async () => {
    const { bus } = testBus();
    bus.on("app-list", "wasm-plugin", () => [1] as unknown as string[]);
    expect(await rejection(bus.fire("app-list", {}))).toBe(
      "Invalid result of app-list from wasm-plugin: /0 Expected string",
    );
  });

  test("rejects an invalid veto result naming the trigger and handler", async () => {
    const { bus } = testBus();
    bus.on("user-auth", "sloppy", () => ({ allow: false }) as unknown as { allow: true });
    const outcome = await bus.fire("user-auth", AUTH);
    expect(outcome.allowed).toBe(false);
    expect(!outcome.allowed && outcome.reason).toStartWith(
      "sloppy failed on user-auth: Invalid result of user-auth from sloppy:",
    );
  });

  test("reports an invalid notify result as that handler's failure", async () => {
    const { bus, sink } = testBus();
    bus.on("post-create", "chatty", () => "done" as unknown as null);
    const { failures } = await bus.fire("post-create", { app: "web" });
    expect(failures).toEqual([
      { source: "chatty", message: "Invalid result of post-create from chatty: / Expected null" },
    ]);
    expect(sink.err).toBe(
      " !     chatty failed on post-create: Invalid result of post-create from chatty: / Expected null\n",
    );
  });

  test("first returns the first non-empty result and runs no later handler", async () => {
    const { bus } = firstBus();
    const calls: string[] = [];
    bus.on("test-detect", "none", () => {
      calls.push("none");
      return null;
    });
    bus.on("test-detect", "empty", () => {
      calls.push("empty");
      return "";
    });
    bus.on("test-detect", "undefined", () => {
      calls.push("undefined");
      return undefined;
    });
    bus.on("test-detect", "dockerfile", async ({ app }) => {
      calls.push("dockerfile");
      return `dockerfile for ${app}`;
    });
    bus.on("test-detect", "herokuish", () => {
      calls.push("herokuish");
      return "herokuish";
    });
    expect(await bus.fire("test-detect", { app: "web" })).toBe("dockerfile for web");
    expect(calls).toEqual(["none", "empty", "undefined", "dockerfile"]);
  });

  test("first returns undefined when no handler answers", async () => {
    const { bus } = firstBus();
    expect(await bus.fire("test-detect", { app: "web" })).toBeUndefined();
    bus.on("test-detect", "none", () => null);
    expect(await bus.fire("test-detect", { app: "web" })).toBeUndefined();
  });

  test("first fails naming the trigger and handler on a throw or an invalid result", async () => {
    const throwing = firstBus();
    throwing.bus.on("test-detect", "broken", () => {
      throw new Error("cannot read tree");
    });
    expect(await rejection(throwing.bus.fire("test-detect", { app: "web" }))).toBe(
      "broken failed on test-detect: cannot read tree",
    );
    const invalid = firstBus();
    invalid.bus.on("test-detect", "numeric", () => 7);
    expect(await rejection(invalid.bus.fire("test-detect", { app: "web" }))).toBe(
      "Invalid result of test-detect from numeric: / Expected union value",
    );
  });

  test("tells observers of every fired trigger before its handlers run", async () => {
    const { bus } = testBus();
    const seen: string[] = [];
    bus.observe(({ trigger, payload }) => seen.push(`${trigger} ${JSON.stringify(payload)}`));
    bus.on("post-create", "apps", () => {
      seen.push("handler");
      return null;
    });
    await bus.fire("post-create", { app: "web" });
    await bus.fire("app-list", {});
    expect(seen).toEqual(['post-create {"app":"web"}', "handler", "app-list {}"]);
  });

  test("traces each fired trigger only when trace is on", async () => {
    const quiet = testBus();
    await quiet.bus.fire("post-create", { app: "web" });
    expect(quiet.sink).toMatchObject({ out: "", err: "" });
    const traced = testBus({ trace: true });
    await traced.bus.fire("post-create", { app: "web" });
    expect(traced.sink).toMatchObject({ out: "", err: '+ trigger post-create {"app":"web"}\n' });
  });
});

describe("TriggerBus.withContext", () => {
  test("shares handlers and observers but hands handlers the other context", async () => {
    const { bus, sink } = testBus();
    const otherSink = memorySink();
    const other = { out: createOutput(otherSink) } as unknown as Context;
    const seen: string[] = [];
    bus.observe(({ trigger }) => seen.push(trigger));
    bus.on("post-create", "printer", (_payload, ctx) => {
      ctx.out.print("handled");
      return null;
    });
    await bus.withContext(() => other).fire("post-create", { app: "web" });
    expect({ other: otherSink.out, original: sink.out, seen }).toEqual({
      other: "handled\n",
      original: "",
      seen: ["post-create"],
    });
  });

  test("a handler registered on the view is registered on the original too", async () => {
    const { bus, sink } = testBus();
    const view = bus.withContext(() => ({ out: createOutput(memorySink()) }) as unknown as Context);
    view.on("post-create", "late", (_payload, ctx) => {
      ctx.out.print("late");
      return null;
    });
    await bus.fire("post-create", { app: "web" });
    expect(sink.out).toBe("late\n");
  });
});

describe("TriggerBus redaction", () => {
  test("observers and the trace see the secret fields of a payload redacted, handlers the original", async () => {
    const { bus, sink } = testBus({ trace: true });
    const seen: unknown[] = [];
    bus.observe(({ payload }) => seen.push(payload));
    bus.on("user-auth", "acl", (payload) => {
      seen.push(payload.args);
      return { allow: true };
    });
    await bus.fire("user-auth", { ...AUTH, command: "config:set", args: ["web", "TOKEN=s3cret"] });
    expect(seen).toEqual([{ ...AUTH, command: "config:set", args: "[redacted]" }, ["web", "TOKEN=s3cret"]]);
    expect(sink.err).toBe(
      '+ trigger user-auth {"user":"alice","sshUser":"dokku","command":"config:set","app":null,"args":"[redacted]"}\n',
    );
  });

  test("a declared source redacts what its own declarations mark secret", async () => {
    const secretive = defineTrigger({
      name: "test-secret",
      kind: "notify",
      version: 1,
      description: "Carries a token.",
      payload: Type.Object({ app: Type.String(), token: Type.String({ secret: "config" }) }),
      result: Type.Null(),
    });
    const sink = memorySink();
    const ctx = { out: createOutput(sink, { trace: true }) } as unknown as Context;
    const bus = new TriggerBus(() => ctx, declaredSource({ "test-secret": secretive })) as unknown as LooseBus;
    await bus.fire("test-secret", { app: "web", token: "t0k3n" });
    expect(sink.err).toBe('+ trigger test-secret {"app":"web","token":"[redacted]"}\n');
    expect(await rejection(bus.fire("test-secret", { app: "web" }))).toBe(
      "Invalid payload of test-secret: /token Expected required property",
    );
  });
});
