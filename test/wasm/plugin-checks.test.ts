import { describe, expect, test } from "bun:test";
import { parseManifest } from "../../src/wasm/manifest";
import { checkCommandsFree, checkModule, checkModuleHash, checkNameFree } from "../../src/wasm/plugin-checks";
import { reservedNames } from "../../src/cli/plugin/reserved-names";
import { CORE_DATA_DIRS, CORE_PROPERTY_NAMESPACES } from "../../src/core/state-names";
import { dokkuErrorOf } from "../harness";
import { defaultModule, pluginToml, type FixtureSpec } from "./plugin-fixture";
import { buildModule, INFINITE_LOOP } from "./wasm-builder";

const KERNEL = "extism:host/env";
const USER = "extism:host/user";

/** The manifest and module of a fixture spec, as install would see them. */
function plugin(spec: FixtureSpec) {
  const module = spec.module ?? defaultModule(spec);
  return { manifest: parseManifest(pluginToml(spec, module)), module };
}

function moduleProblem(spec: FixtureSpec): string {
  const { manifest, module } = plugin(spec);
  return dokkuErrorOf(() => checkModule(manifest, module));
}

describe("plugin checks", () => {
  test("accept a module whose exports, imports and memory match its manifest", () => {
    const { manifest, module } = plugin({
      triggers: [{ name: "post-deploy" }, { name: "nginx-snippet" }],
      commands: [{ name: "hello:say-hi", app: true }],
      permissions: { store: true, nginx: true, net: true },
      imports: [
        { module: KERNEL, name: "output_set", params: ["i64", "i64"], results: [] },
        { module: USER, name: "dokku_store_get" },
        { module: USER, name: "dokku_http" },
        { module: USER, name: "dokku_output" },
      ],
    });
    expect(() => checkModuleHash(manifest, module)).not.toThrow();
    expect(() => checkModule(manifest, module)).not.toThrow();
  });

  test("refuse a module whose hash is not the manifest's", () => {
    const module = defaultModule({});
    const manifest = parseManifest(pluginToml({ sha256: "0".repeat(64) }, module));
    expect(dokkuErrorOf(() => checkModuleHash(manifest, module))).toMatch(
      /^plugin\.wasm: sha256 mismatch: plugin\.toml says 0{64}, the file is [0-9a-f]{64}$/,
    );
  });

  test.each<[string, FixtureSpec, string | RegExp]>([
    [
      "text instead of wasm",
      { module: new TextEncoder().encode("not wasm") },
      /^plugin\.wasm: not a valid wasm module: /,
    ],
    [
      "a function body that does not validate",
      { module: buildModule({ functions: [{ export: "x", body: [0x42, 0x00] }] }) },
      /^plugin\.wasm: not a valid wasm module: /,
    ],
    [
      "a WASI import",
      { imports: [{ module: "wasi_snapshot_preview1", name: "fd_write" }] },
      "plugin.wasm: imports wasi_snapshot_preview1.fd_write (func), which the host does not provide",
    ],
    [
      "env.abort",
      { imports: [{ module: "env", name: "abort" }] },
      "plugin.wasm: imports env.abort (func), which the host does not provide",
    ],
    [
      "Extism's own http_request",
      { imports: [{ module: KERNEL, name: "http_request" }] },
      "plugin.wasm: imports extism:host/env.http_request (func), which the host does not provide",
    ],
    [
      "an unknown host function",
      { imports: [{ module: USER, name: "dokku_exec" }] },
      "plugin.wasm: imports extism:host/user.dokku_exec (func), which the host does not provide",
    ],
    [
      "an imported memory",
      { imports: [{ module: KERNEL, name: "memory", kind: "memory" }] },
      "plugin.wasm: imports extism:host/env.memory (memory), which the host does not provide",
    ],
    [
      "dokku_http without net",
      { imports: [{ module: USER, name: "dokku_http" }] },
      "plugin.wasm: imports dokku_http but does not request net",
    ],
    [
      "dokku_store_set without store",
      { imports: [{ module: USER, name: "dokku_store_set" }] },
      "plugin.wasm: imports dokku_store_set but does not request store",
    ],
    [
      "dokku_config_get without config",
      { imports: [{ module: USER, name: "dokku_config_get" }] },
      "plugin.wasm: imports dokku_config_get but does not request config",
    ],
    [
      "a trigger without its export",
      { triggers: [{ name: "post-deploy" }], module: buildModule() },
      "plugin.wasm: handles trigger post-deploy but does not export on_post_deploy",
    ],
    [
      "a command without its export",
      { commands: [{ name: "hello:on" }], module: buildModule() },
      "plugin.wasm: adds command hello:on but does not export cmd_hello_on",
    ],
    [
      "an undeclared on_ export",
      { module: buildModule({ functions: [{ export: "on_post_create" }] }) },
      "plugin.wasm: exports on_post_create, which plugin.toml does not declare",
    ],
    [
      "an undeclared cmd_ export",
      { module: buildModule({ functions: [{ export: "cmd_hello_off" }] }) },
      "plugin.wasm: exports cmd_hello_off, which plugin.toml does not declare",
    ],
    [
      "no memory export",
      { module: buildModule({ memory: { min: 1, max: 1, export: false } }) },
      'plugin.wasm: does not export its memory as "memory"',
    ],
    [
      "no declared maximum",
      { module: buildModule({ memory: { min: 1 } }) },
      "plugin.wasm: its memory declares no maximum (AssemblyScript: --maximumMemory; C: -Wl,--max-memory=)",
    ],
    [
      "a maximum above memory-mb",
      { limits: { "memory-mb": 1 }, module: buildModule({ memory: { min: 1, max: 17 } }) },
      "plugin.wasm: its memory maximum (17 pages, 1.07 MB) is above limits.memory-mb = 1",
    ],
  ])("refuse a module with %s", (_what, spec, message) => {
    const problem = moduleProblem(spec);
    if (typeof message === "string") expect(problem).toBe(message);
    else expect(problem).toMatch(message);
    expect(problem).not.toContain("\n");
  });

  test("accept a maximum exactly at memory-mb, and non-plugin exports like _initialize", () => {
    const module = buildModule({
      memory: { min: 1, max: 16 },
      functions: [{ export: "_initialize" }, { export: "helper", body: INFINITE_LOOP }],
    });
    const { manifest } = plugin({ limits: { "memory-mb": 1 }, module });
    expect(() => checkModule(manifest, module)).not.toThrow();
  });

  test("refuse names the core holds: namespaces, core plugins, bare commands", () => {
    const reserved = reservedNames();
    expect(dokkuErrorOf(() => checkNameFree("apps", reserved))).toBe(
      "Plugin name apps is taken by the core apps commands",
    );
    expect(dokkuErrorOf(() => checkNameFree("plugin", reserved))).toBe(
      "Plugin name plugin is taken by the core plugin commands",
    );
    expect(dokkuErrorOf(() => checkNameFree("builder-null", reserved))).toBe(
      "Plugin name builder-null is taken by the core builder-null plugin",
    );
    expect(dokkuErrorOf(() => checkNameFree("help", reserved))).toBe(
      "Plugin name help is taken by the core command help",
    );
    expect(dokkuErrorOf(() => checkNameFree("git-hook", reserved))).toBe(
      "Plugin name git-hook is taken by the core command git-hook",
    );
    expect(() => checkNameFree("maintenance", reserved)).not.toThrow();
  });

  test("issue 12: refuse every name the core keeps state under: property namespaces and data folders", () => {
    const reserved = reservedNames();
    // the two that no command namespace or core plugin already held
    expect(dokkuErrorOf(() => checkNameFree("app-json", reserved))).toBe(
      "Plugin name app-json is taken by the core's app-json properties (config/app-json)",
    );
    expect(dokkuErrorOf(() => checkNameFree("storage-registry", reserved))).toBe(
      "Plugin name storage-registry is taken by the core's data folder data/storage-registry",
    );
    for (const name of [...CORE_PROPERTY_NAMESPACES, ...CORE_DATA_DIRS])
      expect(() => checkNameFree(name, reserved)).toThrow(`Plugin name ${name} is taken by the core`);
  });

  test("refuse a command with a core command's name (the backstop behind the namespace rule)", () => {
    const manifest = { ...plugin({ commands: [{ name: "hello:on" }] }).manifest };
    const reserved = {
      namespaces: new Set<string>(),
      plugins: new Set<string>(),
      commands: new Set(["hello:on"]),
      properties: new Set<string>(),
      dataDirs: new Set<string>(),
    };
    expect(dokkuErrorOf(() => checkCommandsFree(manifest, reserved))).toBe(
      "Plugin command hello:on would shadow the core command of that name",
    );
  });
});
