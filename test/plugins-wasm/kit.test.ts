import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Value } from "@sinclair/typebox/value";
import { createHash } from "node:crypto";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_TRIGGERS, type TriggerName } from "../../sdk/triggers/all";
import { buildAsPlugin } from "../../sdk/assemblyscript/scripts/build";
import { withModuleSha256 } from "../../sdk/scripts/plugin-toml";
import { memoryLimits } from "../../sdk/assemblyscript/scripts/check-module";
import { generateTriggersFile, readSchemaDocuments, TRIGGERS_FILE } from "../../sdk/assemblyscript/scripts/generate";
import type { Output } from "../../src/core/output";
import { printReport, type Report } from "../../src/core/report";
import { parseReportArgs } from "../../src/core/report-args";
import { REPO_ROOT, tempDir } from "../harness";
import { buildProbe, loadModule } from "./as-host";

let probe: Awaited<ReturnType<typeof buildProbe>>;

beforeAll(async () => {
  probe = await buildProbe();
}, 120_000);
afterAll(() => probe[Symbol.dispose]());

async function call(
  name: string,
  input: string | Uint8Array,
): Promise<{ ok: true; output: string } | { ok: false; error: string }> {
  await using loaded = await loadModule(probe.module, null);
  try {
    return { ok: true, output: (await loaded.plugin.call(name, input))?.text() ?? "" };
  } catch (error) {
    return { ok: false, error: (error as Error).message.replace(/^Plugin-originated error: /, "") };
  }
}

describe("kit json", () => {
  test("parses and writes back what JSON.parse reads, for escapes, unicode, numbers and nesting", async () => {
    const documents = [
      '{"a":1,"b":[true,false,null],"c":{"d":"e"}}',
      '"tab\\there \\"quoted\\" back\\\\slash \\/ \\b\\f\\n\\r"',
      '"\\u00e9t\\u00E9 \\ud83d\\ude00 caf\u00e9 \u2713 \ud83d\ude80"',
      "[0,-1,1.5,-2.25e3,1e-7,123456789012,3.0]",
      ' { "spaced" : [ 1 , 2 ] , "empty" : {} , "list" : [] } ',
      '{"dup":1,"dup":2}',
      `${"[".repeat(60)}1${"]".repeat(60)}`,
    ];
    for (const text of documents) {
      const result = await call("probe_json", text);
      expect({ text, parsed: result.ok ? JSON.parse(result.output) : result }).toEqual({
        text,
        parsed: JSON.parse(text),
      });
    }
  });

  test("refuses invalid JSON with the parser's reason", async () => {
    const bad = [
      '{"a":1',
      "[1,]",
      "{a:1}",
      '"unterminated',
      "01",
      "tru",
      '"bad \\x escape"',
      '"raw\nnewline"',
      "1 2",
      `${"[".repeat(70)}${"]".repeat(70)}`,
      "",
    ];
    for (const text of bad) {
      const result = await call("probe_json", text);
      expect({ text, ok: result.ok }).toEqual({ text, ok: false });
      expect(result.ok ? "" : result.error).toMatch(/ at offset \d+$/);
    }
  });

  test("escapes strings so that JSON.parse gives them back, control characters and lone surrogates included", async () => {
    const texts = [
      "plain",
      'q"uote\\',
      "\u0000\u0001\u001f\u007f",
      "line\nbreak\r\ttab\b\f",
      "caf\u00e9 \u2028\u2029 \ud83d\ude00",
      "</script>",
    ];
    for (const text of texts) {
      const result = await call("probe_escape", text);
      expect(result.ok ? JSON.parse(result.output) : result).toBe(text);
      expect(result.ok ? result.output : "").not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029]/);
    }
    // A lone surrogate (only reachable through a \u escape) cannot travel as UTF-8: it is written back escaped.
    expect(await call("probe_json", '["a\\ud800b","\\udc00"]')).toEqual({
      ok: true,
      output: '["a\\ud800b","\\udc00"]',
    });
  });
});

describe("kit sha1 and base64", () => {
  test("agree with Bun's crypto and Buffer for inputs around the block boundaries", async () => {
    for (const length of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 4099]) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      expect(`${length}: ${JSON.stringify(await call("probe_sha1", bytes))}`).toBe(
        `${length}: ${JSON.stringify({ ok: true, output: createHash("sha1").update(bytes).digest("hex") })}`,
      );
      expect(`${length}: ${JSON.stringify(await call("probe_base64", bytes))}`).toBe(
        `${length}: ${JSON.stringify({ ok: true, output: Buffer.from(bytes).toString("base64") })}`,
      );
    }
    expect(await call("probe_sha1", "abc")).toEqual({ ok: true, output: "a9993e364706816aba3e25717850c26c9cd0d89d" });
  });
});

/** What src/core/report.ts prints for `<type>:report <app> ...args`: `level: text` lines, or the error. */
function coreReport(report: Report, args: readonly string[]): string[] {
  const lines: string[] = [];
  const record = (level: string) => (text: string) => void lines.push(`${level}: ${text}`);
  const out = {
    step: record("step"),
    heading: record("heading"),
    detail: record("detail"),
    print: record("print"),
    raw: record("raw"),
    warn: record("warn"),
    error: record("error"),
    trace: record("trace"),
    quiet: false,
    tracing: false,
    setTracing: () => {},
  } satisfies Output;
  try {
    const parsed = parseReportArgs([report.target, ...args], report.type);
    printReport(out, report, { format: parsed.format, flag: parsed.infoFlag });
  } catch (error) {
    return [...lines, `error: ${(error as Error).message}`];
  }
  return lines;
}

/** What the kit prints for the same command (the probe's `probe_report`). */
async function kitReport(
  report: Report,
  args: readonly string[],
  extra: { allowGlobal?: boolean; app?: string | null } = {},
): Promise<string[]> {
  const app = extra.app === undefined ? report.target : extra.app;
  await using loaded = await loadModule(probe.module, app);
  const input = {
    command: `${report.type}:report`,
    app,
    args: app === null ? args : [app, ...args],
    entries: report.entries,
    legacyKeys: report.legacyKeys ?? false,
    allowGlobal: extra.allowGlobal ?? false,
  };
  const error = await loaded.plugin.call("probe_report", JSON.stringify(input)).then(
    () => null,
    (e: Error) => e.message.replace(/^Plugin-originated error: /, ""),
  );
  return error === null ? loaded.host.lines : [...loaded.host.lines, `error: ${error}`];
}

describe("kit report", () => {
  const reports: Report[] = [
    { type: "maintenance", target: "shop", entries: { "--maintenance-enabled": "true" }, legacyKeys: false },
    {
      type: "http-auth",
      target: "shop",
      entries: { "--http-auth-user": 'ops "root" ✓', "--http-auth-enabled": "true" },
      legacyKeys: false,
    },
    {
      type: "notify",
      target: "my-app",
      entries: { "--notify-url": "", "--notify-a-rather-long-property.with.dots": "x", "--other-flag": "y" },
      legacyKeys: false,
    },
    {
      type: "notify",
      target: "shop",
      entries: { "--notify-url": "http://127.0.0.1/hook", "--notify-b": "2" },
      legacyKeys: true,
    },
  ];
  const argLists: string[][] = [
    [],
    ["--format", "json"],
    ["--format=json"],
    ["--format", "stdout"],
    ["--format="],
    ["--format", ""],
    ["--FLAG"],
    ["--format", "stdout", "--FLAG"],
    ["--format=json", "--FLAG"],
    ["--bogus"],
    ["--format", "yaml"],
    ["--format", "yaml", "--FLAG"],
    ["--FLAG", "--bogus"],
    ["--format"],
  ];

  test("prints what src/core/report.ts prints: layout, one value, JSON with and without legacy keys, and the same errors", async () => {
    for (const report of reports) {
      const flag = Object.keys(report.entries)[0] as string;
      for (const template of argLists) {
        const args = template.map((arg) => (arg === "--FLAG" ? flag : arg));
        const expected = coreReport(report, args);
        expect({ report: report.entries, args, lines: await kitReport(report, args) }).toEqual({
          report: report.entries,
          args,
          lines: expected,
        });
      }
    }
    // The comparison covers what it should: labels padded to the longest flag, sorted JSON keys with legacy ones.
    expect(coreReport(reports[2] as Report, [])).toEqual([
      "heading: my-app notify information",
      "print:        Notify a rather long property with dots: x",
      "print:        Notify url:                              ",
      "print:        Other flag:                              y",
    ]);
    expect(coreReport(reports[3] as Report, ["--format", "json"])).toEqual([
      'print: {"b":"2","notify-b":"2","notify-url":"http://127.0.0.1/hook","url":"http://127.0.0.1/hook"}',
    ]);
  }, 60_000);

  test("refuses a word that is not a flag, and takes --global only when the plugin allows it", async () => {
    const report = reports[0] as Report;
    expect(await kitReport(report, ["extra"])).toEqual(["error: Unexpected argument: extra"]);
    expect(await kitReport(report, ["--global"])).toEqual([
      "error: Invalid flag passed, valid flags: --maintenance-enabled",
    ]);
    expect(await kitReport(report, ["--global", "--format", "json"], { allowGlobal: true })).toEqual([
      "print: (global)",
      'print: {"enabled":"true"}',
    ]);
  });

  test("reads every word as report args when the command has no app", async () => {
    const report = { ...(reports[0] as Report), target: "--global" };
    expect(await kitReport(report, ["--maintenance-enabled"], { app: null })).toEqual(["print: true"]);
    expect(await kitReport(report, ["shop"], { app: null })).toEqual(["error: Unexpected argument: shop"]);
  });
});

describe("kit triggers (generated)", () => {
  test("sdk/assemblyscript/assembly/triggers.ts matches sdk/schemas (run `bun sdk/assemblyscript/scripts/generate.ts`)", () => {
    expect(readFileSync(TRIGGERS_FILE, "utf8")).toBe(generateTriggersFile(readSchemaDocuments()));
  });

  test("the generator refuses a schema form it does not know", () => {
    const document = {
      title: "odd",
      kind: "notify",
      version: 1,
      description: "d",
      payload: { type: "object", properties: { x: { type: "weird" } }, required: ["x"] },
      result: { type: "null" },
    };
    expect(() => generateTriggersFile([document])).toThrow("odd.payload.x: type weird is not supported");
  });

  test("result writers produce what each trigger's result schema accepts", async () => {
    const result = await call("probe_results", "");
    const results = JSON.parse(result.ok ? result.output : "{}") as Record<TriggerName, unknown>;
    expect(Object.keys(results).sort()).toEqual([
      "app-list",
      "builder-detect",
      "docker-args-deploy",
      "nginx-snippet",
      "proxy-type",
      "report",
      "user-auth-app",
    ]);
    for (const [name, value] of Object.entries(results)) {
      expect(`${name}: ${Value.Check(ALL_TRIGGERS[name as TriggerName].result, value)}`).toBe(`${name}: true`);
    }
    expect(results["docker-args-deploy"]).toEqual([
      { type: "label", name: "traefik.enable", value: "true" },
      { type: "env", name: "FEATURE_X", value: 'on "quoted"\n' },
    ]);
    for (const name of ["probe_veto_allow", "probe_veto_refuse"]) {
      const veto = await call(name, 'not "allowed"');
      expect(Value.Check(ALL_TRIGGERS["user-auth"].result, JSON.parse(veto.ok ? veto.output : "0"))).toBe(true);
    }
    expect(await call("probe_veto_refuse", 'not "allowed"')).toEqual({
      ok: true,
      output: '{"allow":false,"reason":"not \\"allowed\\""}',
    });
  });

  test("payload readers read every field of sample payloads", async () => {
    const samples: Record<string, unknown> = {
      "builder-detect": { app: "a", sourceDir: null },
      "deploy-failed": { app: "a", stage: "build", reason: "r", releaseId: null },
      "docker-args-deploy": { app: "a", processType: "web", image: "i", releaseId: 3 },
      "post-config-update": { scope: { kind: "global" }, action: "set", keys: ["A", "B"], restart: false },
      "post-extract": { app: "a", sourceDir: "/tmp/x", rev: "abc" },
      "proxy-switch": {
        app: "a",
        processType: "web",
        upstreams: [{ dyno: "web.1", address: "172.17.0.2", port: 5000 }],
      },
      "user-auth": { user: "admin", sshUser: "dokku", command: "config:set", app: "shop", args: ["shop", "A=b"] },
    };
    const expected: Record<string, unknown> = {
      "builder-detect": { app: "a", sourceDir: null },
      "deploy-failed": { app: "a", stage: "build", reason: "r", releaseId: -1 },
      "docker-args-deploy": { app: "a", processType: "web", image: "i", releaseId: 3 },
      "post-config-update": { kind: "global", app: null, action: "set", keys: ["A", "B"], restart: false },
      "post-extract": { app: "a", sourceDir: "/tmp/x", rev: "abc" },
      "proxy-switch": {
        app: "a",
        processType: "web",
        upstreams: [{ dyno: "web.1", address: "172.17.0.2", port: 5000 }],
      },
      "user-auth": { user: "admin", sshUser: "dokku", command: "config:set", app: "shop", args: ["shop", "A=b"] },
    };
    for (const [trigger, payload] of Object.entries(samples)) {
      expect(Value.Check(ALL_TRIGGERS[trigger as TriggerName].payload, payload)).toBe(true);
      const result = await call("probe_payload", JSON.stringify({ trigger, version: 1, app: null, payload }));
      expect({ trigger, read: result.ok ? JSON.parse(result.output) : result }).toEqual({
        trigger,
        read: expected[trigger],
      });
    }
  });
});

describe("kit build", () => {
  test("the probe module has no WASI or env imports and a memory maximum of memory-mb", () => {
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(probe.module));
    expect(
      imports.filter((entry) => entry.module !== "extism:host/env" && entry.module !== "extism:host/user"),
    ).toEqual([]);
    expect(memoryLimits(probe.module)).toEqual({ initial: expect.any(Number), maximum: 64 });
  });

  test("builds the template into an installable dir with the module's sha256", async () => {
    using out = tempDir("dokku-template-build-");
    const built = await buildAsPlugin(join(REPO_ROOT, "sdk", "assemblyscript", "template"), out.path);
    const toml = readFileSync(join(out.path, "plugin.toml"), "utf8");
    expect(toml).toContain(`sha256 = "${createHash("sha256").update(readFileSync(built.wasm)).digest("hex")}"`);
    await using loaded = await loadModule(readFileSync(built.wasm), "shop");
    const ran = await loaded.plugin.call(
      "cmd_hello_world",
      JSON.stringify({ command: "hello:world", app: "shop", args: ["shop"] }),
    );
    expect({ output: ran?.text() ?? "", lines: loaded.host.lines }).toEqual({
      output: "",
      lines: ["step: Hello, shop (said 1 time)"],
    });
  }, 120_000);

  test("refuses a module whose exports do not match the manifest, writing no plugin.toml", async () => {
    using dir = tempDir("dokku-bad-plugin-");
    cpSync(join(REPO_ROOT, "sdk", "assemblyscript", "template"), dir.path, { recursive: true });
    const toml = readFileSync(join(dir.path, "plugin.toml"), "utf8");
    writeFileSync(join(dir.path, "plugin.toml"), toml.replace('name = "hello:world"', 'name = "hello:moon"'));
    const error = await buildAsPlugin(dir.path, join(dir.path, "out")).then(
      () => "built",
      (e: Error) => e.message,
    );
    expect(error).toEndWith("missing export cmd_hello_moon; undeclared export cmd_hello_world");
    expect(() => readFileSync(join(dir.path, "out", "plugin.toml"))).toThrow();
  }, 120_000);

  test("withSha256 fills in or replaces the module's sha256 and keeps the rest", () => {
    const toml = 'name = "x"\n\n[module]\nfile = "x.wasm"\n\n[limits]\nmemory-mb = 4\n';
    const once = withModuleSha256(toml, "a".repeat(64));
    expect(once).toBe(
      `name = "x"\n\n[module]\nfile = "x.wasm"\nsha256 = "${"a".repeat(64)}"\n\n[limits]\nmemory-mb = 4\n`,
    );
    expect(withModuleSha256(once, "b".repeat(64))).toBe(once.replace("a".repeat(64), "b".repeat(64)));
  });
});
