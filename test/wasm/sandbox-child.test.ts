import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeEnv } from "../../src/plugins/config/env-store";
import { coreProperties, pluginProperties, PropertyStore } from "../../src/store/property-store";
import { classifyFailure } from "../../src/wasm/sandbox-child";
import { HostCallDenied, HostCallMisuse } from "../../src/wasm/host-functions";
import { runProgram, DOKKU_BIN, tempDir, tempRoots } from "../harness";
import { ChildDriver } from "./sandbox-driver";
import { buildProbe, NO_GRANTS, ALL_GRANTS, type BuiltModule } from "./sandbox-fixture";

let build: ReturnType<typeof tempDir>;
let probe: BuiltModule;
let capped: BuiltModule;

beforeAll(async () => {
  build = tempDir("dokku-sandbox-child-");
  probe = await buildProbe(build.path);
  capped = await buildProbe(build.path, { name: "capped", maximumPages: 256 });
});

afterAll(() => build[Symbol.dispose]());

function stateOf(roots: { env: Record<string, string> }): { libRoot: string; dokkuRoot: string } {
  return { libRoot: roots.env.DOKKU_LIB_ROOT as string, dokkuRoot: roots.env.DOKKU_ROOT as string };
}

describe("sandbox child", () => {
  test("says it is ready, answers a call with the export's output and exits 0 when its stdin closes", async () => {
    using child = new ChildDriver();
    expect(await child.call(probe, { export: "echo" }, '{"a":1}')).toEqual([
      { type: "result", id: 1, output: '{"a":1}' },
    ]);
    expect(await child.call(probe, { export: "echo" }, "")).toEqual([{ type: "result", id: 2, output: null }]);
    expect(child.messages[0]).toEqual({ type: "ready" });
    expect(await child.close()).toBe(0);
    expect(child.stray).toEqual([]);
  });

  test("streams dokku_output lines before the result, in order", async () => {
    using child = new ChildDriver();
    expect(await child.call(probe, { export: "chatty" })).toEqual([
      { type: "output", id: 1, level: "step", text: "one" },
      { type: "output", id: 1, level: "detail", text: "two" },
      { type: "output", id: 1, level: "warn", text: "three" },
      { type: "result", id: 1, output: '{"done":true}' },
    ]);
  });

  test("keeps properties per plugin and app, global ones apart", async () => {
    using roots = tempRoots();
    using child = new ChildDriver();
    const base = stateOf(roots);
    const set = (input: object, app: string | null = "web") =>
      child.outcome(probe, { export: "call_store_set", app, ...base }, JSON.stringify(input));
    const get = (input: object, app: string | null = "web") =>
      child.outcome(probe, { export: "call_store_get", app, ...base }, JSON.stringify(input));
    expect(await set({ key: "url", value: "http://a" })).toMatchObject({ type: "result", output: '{"ok":true}' });
    expect(await set({ key: "url", value: "http://g", global: true })).toMatchObject({
      type: "result",
      output: '{"ok":true}',
    });
    expect(await get({ key: "url" })).toMatchObject({ output: '{"value":"http://a"}' });
    expect(await get({ key: "url" }, "other")).toMatchObject({ output: '{"value":null}' });
    expect(await get({ key: "url", global: true }, null)).toMatchObject({ output: '{"value":"http://g"}' });
    const store = pluginProperties(join(stateOf(roots).libRoot, "config"));
    expect(store.get("probe", "web", "url")).toBe("http://a");
    expect(store.get("probe", "--global", "url")).toBe("http://g");
    expect(await set({ key: "url", value: null })).toMatchObject({ output: '{"ok":true}' });
    expect(store.has("probe", "web", "url")).toBe(false);
  });

  test("issue 12: a plugin named like a core namespace reaches its own properties, never the core's", async () => {
    using roots = tempRoots();
    using child = new ChildDriver();
    const configRoot = join(stateOf(roots).libRoot, "config");
    const core = coreProperties(configRoot);
    core.set("app-json", "web", "appjson-path", "app.json");
    const call = (exportName: string, input: object) =>
      child.outcome(probe, { export: exportName, plugin: "app-json", ...stateOf(roots) }, JSON.stringify(input));
    const read = await call("call_store_get", { key: "appjson-path" });
    const written = await call("call_store_set", { key: "appjson-path", value: "../../../etc/shadow" });
    expect({
      read,
      written,
      core: core.get("app-json", "web", "appjson-path"),
      own: pluginProperties(configRoot).get("app-json", "web", "appjson-path"),
    }).toEqual({
      read: { type: "result", id: 1, output: '{"value":null}' },
      written: { type: "result", id: 2, output: '{"ok":true}' },
      core: "app.json",
      own: "../../../etc/shadow",
    });
  });

  test("issue 12: moves a plugin's properties from config/<plugin> to config/plugins/<plugin> on its first store call", async () => {
    using roots = tempRoots();
    using child = new ChildDriver();
    const configRoot = join(stateOf(roots).libRoot, "config");
    // as a store from before plugins had their own folder left them
    const legacy = new PropertyStore<string>(configRoot);
    legacy.set("probe", "web", "url", "http://old");
    legacy.set("probe", "--global", "url", "http://old-global");
    const get = (input: object, app: string | null = "web") =>
      child.outcome(probe, { export: "call_store_get", app, ...stateOf(roots) }, JSON.stringify(input));
    expect({
      app: await get({ key: "url" }),
      global: await get({ key: "url", global: true }, null),
      legacyLeft: existsSync(join(configRoot, "probe")),
      moved: pluginProperties(configRoot).getAll("probe", "web"),
    }).toEqual({
      app: { type: "result", id: 1, output: '{"value":"http://old"}' },
      global: { type: "result", id: 2, output: '{"value":"http://old-global"}' },
      legacyLeft: false,
      moved: { url: "http://old" },
    });
  });

  test("refuses bad store calls with the plugin's fault, writing nothing", async () => {
    using roots = tempRoots();
    using child = new ChildDriver();
    const base = stateOf(roots);
    const set = (input: object, app: string | null = "web") =>
      child.outcome(probe, { export: "call_store_set", app, ...base }, JSON.stringify(input));
    expect(await set({ key: "k", value: "v" }, null)).toMatchObject({
      type: "error",
      reason: "misuse",
      message: 'dokku_store_set: this call has no app: use "global": true',
    });
    expect(await set({ key: "../ENV", value: "v" })).toMatchObject({
      reason: "misuse",
      message: 'dokku_store_set: invalid key "../ENV" (expected [a-z0-9][a-z0-9_.-]{0,63})',
    });
    expect(await set({ key: "big", value: "x".repeat(64 * 1024 + 1) })).toMatchObject({
      reason: "misuse",
      message: "dokku_store_set: value is larger than 64 KiB",
    });
    expect(existsSync(join(stateOf(roots).libRoot, "config"))).toBe(false);
  });

  test("reads the app's config over the global one", async () => {
    using roots = tempRoots();
    const store = coreProperties(join(stateOf(roots).libRoot, "config"));
    writeEnv(
      { store },
      { kind: "global" },
      new Map([
        ["A", "global-a"],
        ["B", "global-b"],
      ]),
    );
    writeEnv({ store }, { kind: "app", app: "web" }, new Map([["A", "app-a"]]));
    using child = new ChildDriver();
    const base = stateOf(roots);
    const get = (key: string, app: string | null) =>
      child.outcome(probe, { export: "call_config_get", app, ...base }, JSON.stringify({ key }));
    expect(await get("A", "web")).toMatchObject({ output: '{"value":"app-a"}' });
    expect(await get("B", "web")).toMatchObject({ output: '{"value":"global-b"}' });
    expect(await get("A", null)).toMatchObject({ output: '{"value":"global-a"}' });
    expect(await get("C", "web")).toMatchObject({ output: '{"value":null}' });
  });

  test("fails a call that uses a host function it was not granted, naming the function and the permission", async () => {
    using roots = tempRoots();
    using child = new ChildDriver();
    const base = { ...stateOf(roots), grants: NO_GRANTS };
    expect(await child.outcome(probe, { export: "call_store_set", ...base }, '{"key":"k","value":"v"}')).toEqual({
      type: "error",
      id: 1,
      reason: "denied",
      message: "dokku_store_set needs the store permission, which plugin probe was not granted",
    });
    expect(await child.outcome(probe, { export: "call_config_get", ...base }, '{"key":"A"}')).toMatchObject({
      reason: "denied",
      message: "dokku_config_get needs the config permission, which plugin probe was not granted",
    });
    expect(await child.outcome(probe, { export: "call_http", ...base }, '{"url":"http://127.0.0.1:1/"}')).toMatchObject(
      { reason: "denied", message: "dokku_http needs the net permission, which plugin probe was not granted" },
    );
    expect(await child.outcome(probe, { export: "call_random", ...base }, '{"bytes":8}')).toMatchObject({
      type: "result",
      output: expect.stringMatching(/^\{"hex":"[0-9a-f]{16}"\}$/),
    });
    expect(existsSync(join(stateOf(roots).libRoot, "config"))).toBe(false);
  });

  test("reports the plugin's own error, a trap, an oversized output, and passes text output to the parent as is", async () => {
    using child = new ChildDriver();
    expect(await child.outcome(probe, { export: "fail" })).toEqual({
      type: "error",
      id: 1,
      reason: "failed",
      message: "the plugin said no",
    });
    expect(await child.outcome(probe, { export: "trap" })).toEqual({
      type: "error",
      id: 2,
      reason: "crashed",
      message: "wasm trap: unreachable code should not be executed",
    });
    expect(await child.outcome(probe, { export: "huge" })).toEqual({
      type: "error",
      id: 3,
      reason: "bad-output",
      message: "output is larger than 1 MiB (2097154 bytes)",
    });
    expect(await child.outcome(probe, { export: "garbage" })).toEqual({
      type: "result",
      id: 4,
      output: "this is { not json",
    });
    expect(await child.outcome(probe, { export: "no_such_export" })).toEqual({
      type: "error",
      id: 5,
      reason: "crashed",
      message: "the module has no export no_such_export",
    });
    expect(await child.outcome(probe, { export: "echo" }, "[1]")).toEqual({ type: "result", id: 6, output: "[1]" });
  });

  test("fails with memory when a module grows its memory past its limit, then exits", async () => {
    using child = new ChildDriver();
    expect(await child.outcome(probe, { export: "grow" })).toMatchObject({
      type: "error",
      reason: "memory",
      message: expect.stringMatching(/^used \d+ MiB of memory, over its limit of 16 MiB$/),
    });
    expect(await child.proc.exited).toBe(0);
  });

  test("lets a module grow up to its declared maximum", async () => {
    using child = new ChildDriver();
    expect(await child.outcome(capped, { export: "grow" })).toEqual({ type: "result", id: 1, output: "240" });
  });

  test("fails with memory when a module allocates kernel blocks without end, then exits", async () => {
    using child = new ChildDriver();
    expect(await child.outcome(probe, { export: "kernel_alloc" })).toMatchObject({
      type: "error",
      reason: "memory",
      message: "ran out of memory (limit 16 MiB)",
    });
    expect(await child.proc.exited).toBe(0);
  });

  test("refuses a module whose file no longer matches its sha256", async () => {
    using dir = tempDir();
    const copy = join(dir.path, "probe.wasm");
    writeFileSync(copy, Buffer.concat([readFileSync(probe.path), Buffer.from([0])]));
    using child = new ChildDriver();
    expect(await child.outcome({ path: copy, sha256: probe.sha256 }, { export: "echo" })).toEqual({
      type: "error",
      id: 1,
      reason: "denied",
      message: `module ${copy} does not match its sha256 (the file changed since it was installed)`,
    });
  });

  test("dokku_http reaches a granted loopback server and only that", async () => {
    using server = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: async (request) =>
        new Response(`${request.method} ${new URL(request.url).pathname} ${await request.text()}`, { status: 201 }),
    });
    const port = server.port as number;
    using child = new ChildDriver();
    const granted = { ...ALL_GRANTS, net: [`127.0.0.1:${port}`] };
    const http = (input: object) =>
      child.outcome(probe, { export: "call_http", grants: granted }, JSON.stringify(input));
    expect(await http({ method: "POST", url: `http://127.0.0.1:${port}/hook`, body: "hi" })).toMatchObject({
      type: "result",
      output: JSON.stringify({ status: 201, body: "POST /hook hi" }),
    });
    expect(await http({ url: `http://127.0.0.1:${port + 1}/` })).toMatchObject({
      reason: "denied",
      message: `dokku_http to 127.0.0.1:${port + 1} is not allowed (plugin probe may reach: 127.0.0.1:${port})`,
    });
    expect(await http({ url: "https://example.com/" })).toMatchObject({
      reason: "denied",
      message: `dokku_http to example.com:443 is not allowed (plugin probe may reach: 127.0.0.1:${port})`,
    });
    expect(await http({ url: "file:///etc/passwd" })).toMatchObject({
      reason: "misuse",
      message: "dokku_http: only http and https URLs can be requested",
    });
  });

  test("serve refuses to run without an address-space limit, and a bad mode is a usage error", async () => {
    expect(await runProgram([DOKKU_BIN, "__wasm-sandbox", "serve", "16"], { stdin: "" })).toEqual({
      stdout: "",
      stderr: "__wasm-sandbox serve must run under an address-space limit (use start)\n",
      exitCode: 2,
    });
    expect(await runProgram([DOKKU_BIN, "__wasm-sandbox", "start", "zero"], { stdin: "" })).toEqual({
      stdout: "",
      stderr: "usage: __wasm-sandbox start|serve <memory-mb> | http\n",
      exitCode: 2,
    });
  });
});

describe("classifyFailure", () => {
  test("names the reason of each kind of failure", () => {
    expect(classifyFailure(new HostCallDenied("dokku_http needs the net permission"), 16)).toEqual({
      reason: "denied",
      message: "dokku_http needs the net permission",
    });
    expect(classifyFailure(new HostCallMisuse("dokku_random: bytes must be an integer from 1 to 1024"), 16)).toEqual({
      reason: "misuse",
      message: "dokku_random: bytes must be an integer from 1 to 1024",
    });
    expect(classifyFailure(new Error("Plugin-originated error: nope"), 16)).toEqual({
      reason: "failed",
      message: "nope",
    });
    expect(classifyFailure(new RangeError("Out of memory"), 32)).toEqual({
      reason: "memory",
      message: "ran out of memory (limit 32 MiB)",
    });
    expect(
      classifyFailure(new WebAssembly.RuntimeError("Out of bounds memory access (evaluating 'func()')"), 16),
    ).toEqual({ reason: "crashed", message: "wasm trap: out of bounds memory access" });
    expect(classifyFailure(new RangeError("Maximum call stack size exceeded."), 16)).toEqual({
      reason: "crashed",
      message: "wasm trap: call stack exhausted",
    });
    expect(classifyFailure("weird", 16)).toEqual({ reason: "crashed", message: "weird" });
  });
});
