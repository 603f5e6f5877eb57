import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, runProgram, tempDir } from "../harness";
import { loadModule, runTrigger, type StubOptions } from "./as-host";

/**
 * Tiny modules each using exactly one kit wrapper, built through the kit's build script in a child
 * (asc exits the process when it crashes). Regression: asc 0.28 crashed ("Whoops ... during
 * compile", no stack) when a module's first kit call was a store, config, random or http wrapper,
 * because the kit's abort (compiled at the first abort call site, often inside a kit class's
 * method) used those very classes.
 */
interface Case {
  readonly uses: string;
  readonly permissions: string;
  readonly body: string;
  readonly stub?: StubOptions;
  readonly expected: { lines: string[]; calls: string[]; output?: string };
}

const CASES: Record<string, Case> = {
  "store-get": {
    uses: "store",
    permissions: "store = true",
    body: 'const v = store.get("X"); output.print(v === null ? "unset" : v!);',
    stub: { store: { "shop/X": "stored" } },
    expected: { lines: ["print: stored"], calls: ["dokku_store_get", "dokku_output"] },
  },
  "store-set": {
    uses: "store",
    permissions: "store = true",
    body: 'store.set("X", "y");',
    expected: { lines: [], calls: ["dokku_store_set"] },
  },
  "config-get": {
    uses: "config",
    permissions: "config = true",
    body: 'config.get("X");',
    expected: { lines: [], calls: ["dokku_config_get"] },
  },
  "http-post": {
    uses: "http, Headers",
    permissions: 'net = true\nnet-hosts = ["127.0.0.1"]',
    body: 'http.post("http://127.0.0.1/hook", new Headers(), "b");',
    expected: { lines: [], calls: ["dokku_http"] },
  },
  "random-hex": {
    uses: "random",
    permissions: "",
    body: "setOutputText(random.hex(3));",
    stub: { randomBytes: new Uint8Array([0xab]) },
    expected: { lines: [], calls: ["dokku_random"], output: "ababab" },
  },
  "output-step": {
    uses: "output",
    permissions: "",
    body: 'output.step("x");',
    expected: { lines: ["step: x"], calls: ["dokku_output"] },
  },
  "array-first": {
    uses: "output",
    permissions: "",
    body: 'const words = new Array<string>(); words.push("a"); words.push("b"); output.detail(words.join(","));',
    expected: { lines: ["detail: a,b"], calls: ["dokku_output"] },
  },
};

function pluginToml(name: string, permissions: string): string {
  const table = permissions === "" ? "" : `\n[permissions]\n${permissions}\n`;
  return `name = "${name}"\nversion = "1.0.0"\ndescription = "one wrapper"\nsdk = 1\n\n[module]\nfile = "${name}.wasm"\n\n[[triggers]]\nname = "post-deploy"\nversion = 1\n${table}\n[limits]\nmemory-mb = 4\n`;
}

function pluginSource(uses: string, body: string): string {
  const imports = uses.split(", ").includes("output") ? uses : `${uses}, output`;
  return `import { ${imports}, ok, setOutputText } from "@dokku/as-kit/assembly/index";\n\nexport function on_post_deploy(): i32 {\n  ${body}\n  return ok();\n}\n`;
}

const BUILD_SCRIPT = join(REPO_ROOT, "sdk", "assemblyscript", "scripts", "build.ts");

type Built = { ok: true; module: Uint8Array } | { ok: false; error: string };

/** Writes the plugin dir `name` under `root` and builds it with the kit's build script in a child. */
async function buildTiny(root: string, name: string, toml: string, source: string): Promise<Built> {
  const dir = join(root, name);
  mkdirSync(join(dir, "assembly"), { recursive: true });
  writeFileSync(join(dir, "plugin.toml"), toml);
  writeFileSync(join(dir, "assembly", "index.ts"), source);
  const run = await runProgram([process.execPath, BUILD_SCRIPT, dir, "--out", join(dir, "out")]);
  if (run.exitCode !== 0) return { ok: false, error: `${run.stdout}${run.stderr}`.trim() };
  return { ok: true, module: readFileSync(join(dir, "out", `${name}.wasm`)) };
}

const ABORTS_SOURCE = `import { JsonValue, ok, output } from "@dokku/as-kit/assembly/index";

export function on_post_deploy(): i32 {
  // The first abort call site is inside a kit class's method (asString on a number).
  const n = JsonValue.fromNumber(1);
  output.step(n.asString());
  return ok();
}

export function on_post_create(): i32 {
  abort('said "no" \\\\ caf\\u00e9 \\u2713\\n\\u0001 \\ud800');
  return ok();
}

export function on_pre_deploy(): i32 {
  assert(false, "checked");
  return ok();
}
`;

const ABORTS_TOML = pluginToml("aborts", "").replace(
  '[[triggers]]\nname = "post-deploy"\nversion = 1\n',
  '[[triggers]]\nname = "post-deploy"\nversion = 1\n\n[[triggers]]\nname = "post-create"\nversion = 1\n\n[[triggers]]\nname = "pre-deploy"\nversion = 1\n',
);

let root: { path: string } & Disposable;
const built = new Map<string, Built>();

beforeAll(async () => {
  root = tempDir("dokku-kit-compile-");
  const builds = Object.entries(CASES).map(async ([name, spec]) => {
    built.set(
      name,
      await buildTiny(root.path, name, pluginToml(name, spec.permissions), pluginSource(spec.uses, spec.body)),
    );
  });
  builds.push(
    buildTiny(root.path, "aborts", ABORTS_TOML, ABORTS_SOURCE).then((result) => void built.set("aborts", result)),
  );
  await Promise.all(builds);
}, 120_000);
afterAll(() => root[Symbol.dispose]());

function moduleOf(name: string): Uint8Array {
  const result = built.get(name);
  expect(result?.ok ? "built" : (result?.error ?? "not built")).toBe("built");
  return (result as { module: Uint8Array }).module;
}

describe("kit compile", () => {
  for (const [name, spec] of Object.entries(CASES)) {
    test(`builds and runs a module whose only kit wrapper is ${name}`, async () => {
      await using loaded = await loadModule(moduleOf(name), "shop", spec.stub);
      const result = await runTrigger(loaded.plugin, "post-deploy", "shop", { app: "shop" });
      expect({ result, lines: loaded.host.lines, calls: loaded.host.calls }).toEqual({
        result: { ok: true, output: spec.expected.output ?? "" },
        lines: spec.expected.lines,
        calls: spec.expected.calls,
      });
    }, 30_000);
  }

  test("store.set wrote the app's property through the host", async () => {
    await using loaded = await loadModule(moduleOf("store-set"), "shop");
    await runTrigger(loaded.plugin, "post-deploy", "shop", { app: "shop" });
    expect([...loaded.host.store]).toEqual([["shop/X", "y"]]);
  });
});

describe("kit abort", () => {
  // In-process Extism reports the trap, not the error text abort set (the sandbox reads that); the
  // warning line carries the same text.
  test("prints a kit getter's abort as a warning and fails the call", async () => {
    await using loaded = await loadModule(moduleOf("aborts"), "shop");
    const result = await runTrigger(loaded.plugin, "post-deploy", "shop", { app: "shop" });
    expect(result.ok).toBe(false);
    expect(loaded.host.lines).toEqual(["warn: JSON value is not a string"]);
  });

  test("keeps quotes, backslashes, non-ASCII and control characters, and replaces a lone surrogate", async () => {
    await using loaded = await loadModule(moduleOf("aborts"), "shop");
    const result = await runTrigger(loaded.plugin, "post-create", "shop", { app: "shop" });
    expect({ ok: result.ok, lines: loaded.host.lines }).toEqual({
      ok: false,
      lines: ['warn: said "no" \\ caf\u00e9 \u2713\n\u0001 \ufffd'],
    });
  });

  test("names the file, line and column of a failed assert", async () => {
    await using loaded = await loadModule(moduleOf("aborts"), "shop");
    const result = await runTrigger(loaded.plugin, "pre-deploy", "shop", { app: "shop" });
    expect({ ok: result.ok, lines: loaded.host.lines }).toEqual({
      ok: false,
      lines: [expect.stringMatching(/^warn: checked \(\S*aborts\/assembly\/index\.ts:16:3\)$/)],
    });
  });
});
