import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HostCallDenied } from "../../src/wasm/host-functions";
import { loadPlugin, ModuleCache, type Functions, type Loaded } from "../../src/wasm/sandbox-child";
import type { CallRequest } from "../../src/wasm/sandbox-protocol";
import { tempDir } from "../harness";
import { ChildDriver } from "./sandbox-driver";
import { ALL_GRANTS, buildProbe, type BuiltModule } from "./sandbox-fixture";

let build: ReturnType<typeof tempDir>;
let probe: BuiltModule;
/** The probe installed under three names: two faithful copies and one changed after install. */
let copies: { one: BuiltModule; two: BuiltModule; tampered: BuiltModule };

beforeAll(async () => {
  build = tempDir("dokku-module-cache-");
  probe = await buildProbe(build.path);
  const copy = (name: string): BuiltModule => {
    mkdirSync(join(build.path, name));
    const path = join(build.path, name, "probe.wasm");
    copyFileSync(probe.path, path);
    return { path, sha256: probe.sha256 };
  };
  copies = { one: copy("one"), two: copy("two"), tampered: copy("tampered") };
  const bytes = readFileSync(copies.tampered.path);
  writeFileSync(copies.tampered.path, Buffer.concat([bytes, Buffer.from([0, 5, 4, 0x6e, 0x6f, 0x74, 0x65])]));
});

afterAll(() => build[Symbol.dispose]());

function request(plugin: string, module: BuiltModule, exported = "count"): CallRequest {
  return {
    type: "call",
    id: 1,
    plugin,
    modulePath: module.path,
    sha256: module.sha256,
    export: exported,
    input: "",
    app: null,
    grants: ALL_GRANTS,
    limits: { timeoutMs: 5000, memoryMb: 16 },
    libRoot: "/nonexistent/lib",
    dokkuRoot: "/nonexistent/home",
    owner: null,
  };
}

const NOOP = () => 0n;
const FUNCTIONS: Functions = {
  "extism:host/user": {
    dokku_output: NOOP,
    dokku_random: NOOP,
    dokku_store_get: NOOP,
    dokku_store_set: NOOP,
    dokku_config_get: NOOP,
    dokku_http: NOOP,
  },
};

async function counted(entry: Loaded): Promise<string> {
  return (await entry.plugin.call("count", ""))?.text() ?? "";
}

describe("ModuleCache", () => {
  test("compiles a module once per sha256, another sha256 again", async () => {
    const compiled: number[] = [];
    const cache = new ModuleCache(async (bytes) => {
      compiled.push(bytes.length);
      return new WebAssembly.Module(readFileSync(probe.path));
    });
    const first = await cache.compiled("a".repeat(64), new Uint8Array(1));
    const again = await cache.compiled("a".repeat(64), new Uint8Array(2));
    await cache.compiled("b".repeat(64), new Uint8Array(3));
    expect({ same: first === again, compiled, compiles: cache.compiles }).toEqual({
      same: true,
      compiled: [1, 3],
      compiles: 2,
    });
  });

  test("does not keep a module that failed to compile", async () => {
    const cache = new ModuleCache((bytes) => WebAssembly.compile(bytes));
    const garbage = new Uint8Array([1, 2, 3]);
    const failures = await Promise.all(
      [0, 1].map(() =>
        cache.compiled("c".repeat(64), garbage).then(
          () => "compiled",
          (error: Error) => error.name,
        ),
      ),
    );
    expect({ failures, compiles: cache.compiles }).toEqual({ failures: ["CompileError", "CompileError"], compiles: 2 });
  });
});

describe("loadPlugin", () => {
  test("one module installed under two names is compiled once; each plugin has its own instance", async () => {
    const loaded = new Map<string, Loaded>();
    const modules = new ModuleCache();
    const one = await loadPlugin(request("one", copies.one), loaded, modules, FUNCTIONS);
    const two = await loadPlugin(request("two", copies.two), loaded, modules, FUNCTIONS);
    const oneAgain = await loadPlugin(request("one", copies.one), loaded, modules, FUNCTIONS);
    try {
      expect({
        compiles: modules.compiles,
        sameInstance: one.plugin === two.plugin,
        reused: oneAgain === one,
        counts: [await counted(one), await counted(two), await counted(oneAgain)],
      }).toEqual({ compiles: 1, sameInstance: false, reused: true, counts: ["1", "1", "2"] });
    } finally {
      await one.plugin.close();
      await two.plugin.close();
    }
  });

  test("still checks each file's sha256 when its module is already compiled", async () => {
    const loaded = new Map<string, Loaded>();
    const modules = new ModuleCache();
    const one = await loadPlugin(request("one", copies.one), loaded, modules, FUNCTIONS);
    const refused = await loadPlugin(request("tampered", copies.tampered), loaded, modules, FUNCTIONS).then(
      () => "loaded",
      (error: Error) => `${error instanceof HostCallDenied}: ${error.message}`,
    );
    await one.plugin.close();
    expect({ refused, compiles: modules.compiles, plugins: [...loaded.keys()] }).toEqual({
      refused: `true: module ${copies.tampered.path} does not match its sha256 (the file changed since it was installed)`,
      compiles: 1,
      plugins: ["one"],
    });
  });
});

describe("sandbox child with one module under several names", () => {
  test("runs each plugin in its own instance and refuses a changed copy", async () => {
    using child = new ChildDriver();
    const call = (plugin: string, module: BuiltModule) => child.outcome(module, { plugin, export: "count" });
    expect([
      await call("one", copies.one),
      await call("two", copies.two),
      await call("one", copies.one),
      await call("tampered", copies.tampered),
    ]).toEqual([
      { type: "result", id: 1, output: "1" },
      { type: "result", id: 2, output: "1" },
      { type: "result", id: 3, output: "2" },
      {
        type: "error",
        id: 4,
        reason: "denied",
        message: `module ${copies.tampered.path} does not match its sha256 (the file changed since it was installed)`,
      },
    ]);
  });
});
