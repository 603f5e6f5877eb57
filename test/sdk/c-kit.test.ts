import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import createPlugin, { type CallContext, type Plugin } from "@extism/extism";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "smol-toml";
import { buildCPlugin, C_SDK_DIR, cBuildPlan, clangArgv, clangEnv } from "../../plugins-wasm/build-c";
import { withModuleSha256 } from "../../sdk/scripts/plugin-toml";
import { REPO_ROOT, tempDir } from "../harness";
import { machine } from "../machine";
import { memoryLimits } from "../plugins-wasm/labels-module";

const FIXTURE = join(import.meta.dir, "fixtures", "c-kit");

/** The JSON a host function was called with; a call without one is a broken kit. */
function inputOf(cp: CallContext, offset: bigint): unknown {
  const block = cp.read(offset);
  if (block === null) throw new Error("host function called without an input block");
  return block.json();
}

describe("build-c", () => {
  test("plans exports from the manifest's triggers and commands and the memory maximum from memory-mb", () => {
    const toml =
      '[module]\nfile = "x.wasm"\n[[triggers]]\nname = "docker-args-deploy"\n[[commands]]\nname = "my-ns:do-it"\n[limits]\nmemory-mb = 3\n';
    expect(cBuildPlan(toml)).toEqual({
      file: "x.wasm",
      exports: ["on_docker_args_deploy", "cmd_my_ns_do_it"],
      maxMemoryBytes: 3 * 1024 * 1024,
    });
    expect(cBuildPlan('[module]\nfile = "y.wasm"\n')).toEqual({
      file: "y.wasm",
      exports: [],
      maxMemoryBytes: 16 * 1024 * 1024,
    });
    expect(() => cBuildPlan('[module]\nfile = "y.so"\n')).toThrow("plugin.toml: module.file must name a .wasm file");
    expect(() => cBuildPlan('[module]\nfile = "y.wasm"\n[limits]\nmemory-mb = 0\n')).toThrow(
      "plugin.toml: limits.memory-mb must be a whole number",
    );
  });

  test("builds with clang for wasm32 without libc, exporting exactly the planned functions", () => {
    expect(
      clangArgv({ sources: ["/p/a.c"], exports: ["on_x", "cmd_y_z"], maxMemoryBytes: 1048576, out: "/o/p.wasm" }),
    ).toEqual([
      "clang",
      "--target=wasm32",
      "-nostdlib",
      "-ffreestanding",
      "-O2",
      "-mbulk-memory",
      "-Wall",
      "-Werror",
      "-I",
      C_SDK_DIR,
      "-Wl,--no-entry",
      "-Wl,--export=on_x",
      "-Wl,--export=cmd_y_z",
      "-Wl,--max-memory=1048576",
      "-Wl,-z,stack-size=65536",
      "-Wl,--strip-all",
      "-o",
      "/o/p.wasm",
      "/p/a.c",
    ]);
  });

  test("fills in the module's sha256 under [module], keeping the rest, and replaces an old one", () => {
    const source = '# mine\nname = "x"\n\n[module]\nfile = "x.wasm"\n\n[[triggers]]\nname = "post-deploy"\n';
    const sha = "a".repeat(64);
    const filled = withModuleSha256(source, sha);
    expect(filled).toBe(
      `# mine\nname = "x"\n\n[module]\nfile = "x.wasm"\nsha256 = "${sha}"\n\n[[triggers]]\nname = "post-deploy"\n`,
    );
    expect(withModuleSha256(filled, "b".repeat(64))).toBe(filled.replace(sha, "b".repeat(64)));
    expect(() => withModuleSha256('name = "x"\n', sha)).toThrow("plugin.toml: no [module] table");
  });

  test("runs clang without node_modules/.bin on PATH, so it never picks up binaryen's wasm-opt from npm", () => {
    expect(
      clangEnv({ PATH: "/work/x/node_modules/.bin:/usr/bin:/work/node_modules/.bin/:/bin", HOME: "/root" }),
    ).toEqual({ PATH: "/usr/bin:/bin", HOME: "/root" });
  });

  test.skipIf(!machine.clang)(
    "builds even when node_modules/.bin (binaryen's wasm-opt) comes first on PATH, as under npm test",
    async () => {
      using out = tempDir("dokku-c-kit-path-");
      const env = { ...process.env, PATH: `${join(REPO_ROOT, "node_modules", ".bin")}:${process.env.PATH}` };
      const built = await buildCPlugin(join(REPO_ROOT, "plugins-wasm", "labels"), out.path, env);
      expect(built.bytes).toBeGreaterThan(0);
    },
    60_000,
  );

  test.skipIf(!machine.clang)("refuses a source that does not compile, naming clang's complaint", async () => {
    using dir = tempDir("dokku-c-bad-");
    writeFileSync(join(dir.path, "plugin.toml"), '[module]\nfile = "bad.wasm"\n');
    writeFileSync(join(dir.path, "bad.c"), "int broken( {\n");
    const error = await buildCPlugin(dir.path, join(dir.path, "out")).then(
      () => "built",
      (reason: unknown) => String(reason),
    );
    expect(error).toContain("clang failed (exit 1) building");
    expect(error).toContain("bad.c:1");
  });
});

describe.skipIf(!machine.clang)("dokku.h", () => {
  let wasm: Uint8Array;
  let plugin: Plugin;
  const lines: string[] = [];
  const out = tempDir("dokku-c-kit-");

  beforeAll(async () => {
    const built = await buildCPlugin(FIXTURE, out.path);
    wasm = readFileSync(built.wasm);
    const manifest = parse(readFileSync(join(out.path, "plugin.toml"), "utf8")) as { module: { sha256: string } };
    expect(manifest.module.sha256).toBe(built.sha256);
    const reply = (cp: CallContext, value: unknown) => cp.store(JSON.stringify(value));
    const user = {
      dokku_output: (cp: CallContext, offset: bigint) => {
        lines.push(JSON.stringify(cp.read(offset)?.json()));
        return 0n;
      },
      dokku_config_get: (cp: CallContext, offset: bigint) => {
        const { key } = inputOf(cp, offset) as { key: string };
        return reply(cp, { value: key === "DATABASE_URL" ? 'postgres://u:p@db/"x"' : null });
      },
      dokku_random: (cp: CallContext, offset: bigint) =>
        reply(cp, { hex: "00".repeat((inputOf(cp, offset) as { bytes: number }).bytes) }),
      dokku_http: (cp: CallContext, offset: bigint) => reply(cp, { status: 200, body: cp.read(offset)?.text() }),
    };
    plugin = await createPlugin(
      { wasm: [{ data: wasm }] },
      { useWasi: false, functions: { "extism:host/user": user } },
    );
  });
  afterAll(async () => {
    await plugin.close();
    out[Symbol.dispose]();
  });

  const echo = async (text: string) => {
    try {
      return (await plugin.call("cmd_kit_echo", text))?.text() ?? "";
    } catch (error) {
      return `error: ${error instanceof Error ? error.message.replace(/^Plugin-originated error: /, "") : String(error)}`;
    }
  };

  test("declares a memory maximum from memory-mb and imports nothing but Extism's kernel and dokku's functions", () => {
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm));
    expect([...new Set(imports.map((entry) => entry.module))].sort()).toEqual(["extism:host/env", "extism:host/user"]);
    expect(memoryLimits(wasm)).toEqual({ initial: 2, maximum: 16 });
  });

  test.each([
    ['{"a":1,"b":[true,false,null],"c":{"d":"e"}}'],
    ['  { "spaced" : [ 1 , -2 , 3.5e2 ] , "empty" : { } , "none" : [ ] }  '],
    [JSON.stringify({ quote: '"', backslash: "\\", slash: "/", control: "\u0001\b\f\n\r\t", del: "\u007f" })],
    [JSON.stringify({ unicode: "é ✓ 😀", escaped: "\\u00e9" })],
    ['"\\u00e9\\u2713\\ud83d\\ude00\\/"'],
    ['[[[[[[[[[["deep"]]]]]]]]]]'],
    [JSON.stringify({ big: "x".repeat(100_000) })],
  ])("reads and re-writes %s to the same JSON value", async (text) => {
    const written = await echo(text);
    expect(JSON.parse(written)).toEqual(JSON.parse(text));
  });

  test("writes compact JSON, keeps integers exact, other numbers as they were, and decodes \\u escapes to UTF-8", async () => {
    expect(await echo(' { "n" : [ 9007199254740993 , -0 , 3.5e2 ] , "s" : "\\u00e9" } ')).toBe(
      '{"n":[9007199254740993,0,3.5e2],"s":"é"}',
    );
  });

  test.each([["{"], ['{"a":1} trailing'], [""], ["[1,"], ['"unterminated']])("refuses %j as not JSON", async (text) => {
    expect(await echo(text)).toBe("error: not JSON");
  });

  test("wraps dokku_config_get, dokku_random, dokku_http and dokku_output", async () => {
    lines.length = 0;
    const output = (await plugin.call("cmd_kit_host", "{}"))?.json();
    expect({ output, lines }).toEqual({
      output: {
        config: 'postgres://u:p@db/"x"',
        unset: false,
        hex: "00000000",
        http: { status: 200, body: '{"method":"GET","url":"http://127.0.0.1/"}' },
        negative: -42,
      },
      lines: ['{"level":"warn","text":"careful"}'],
    });
  });
});
