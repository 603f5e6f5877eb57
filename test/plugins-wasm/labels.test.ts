import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Value } from "@sinclair/typebox/value";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_TRIGGERS } from "../../sdk/triggers/all";
import { commandExport, KERNEL_FUNCTIONS, HOST_FUNCTIONS, triggerExport } from "../../src/wasm/exports";
import { machine } from "../machine";
import { buildLabels, loadLabels, memoryLimits, pluginError, runCommand } from "./labels-module";

const APP = "web-shop";
const RESULT = ALL_TRIGGERS["docker-args-deploy"].result;

let built: Awaited<ReturnType<typeof buildLabels>>;
let wasm: Uint8Array;

// built with clang: without it, test/environment.test.ts fails and these are skipped
beforeAll(async () => {
  if (!machine.clang) return;
  built = await buildLabels();
  wasm = readFileSync(built.wasm);
});
afterAll(() => built?.[Symbol.dispose]());

async function deployArgs(plugin: Awaited<ReturnType<typeof loadLabels>>["plugin"]): Promise<unknown> {
  const input = {
    trigger: "docker-args-deploy",
    version: 1,
    app: APP,
    payload: { app: APP, processType: "web", image: `dokku/${APP}:latest`, releaseId: 3 },
  };
  const output = await plugin.call(triggerExport("docker-args-deploy"), JSON.stringify(input));
  return output?.json();
}

describe.skipIf(!machine.clang)("labels module", () => {
  test("imports only the Extism kernel and dokku's store and output functions, and declares a memory maximum", () => {
    const module = new WebAssembly.Module(wasm);
    const imports = WebAssembly.Module.imports(module);
    for (const entry of imports) {
      const known =
        entry.module === "extism:host/env"
          ? KERNEL_FUNCTIONS.has(entry.name)
          : entry.module === "extism:host/user" && entry.name in HOST_FUNCTIONS;
      expect(`${entry.module}.${entry.name}: ${known}`).toEndWith("true");
    }
    const user = imports
      .filter((entry) => entry.module === "extism:host/user")
      .map((entry) => entry.name)
      .sort();
    expect(user).toEqual(["dokku_output", "dokku_store_get", "dokku_store_set"]);
    expect(
      WebAssembly.Module.exports(module)
        .map((entry) => entry.name)
        .sort(),
    ).toEqual(
      [
        "memory",
        triggerExport("docker-args-deploy"),
        commandExport("labels:add"),
        commandExport("labels:remove"),
        commandExport("labels:report"),
      ].sort(),
    );
    // 32 pages of 64 KiB = 2 MiB = plugin.toml's memory-mb
    expect(memoryLimits(wasm)).toEqual({ initial: 2, maximum: 32 });
    const toml = readFileSync(join(built.dir, "plugin.toml"), "utf8");
    expect(toml).toContain(`sha256 = "${built.sha256}"`);
    expect(toml).toContain("memory-mb = 2");
  });

  test("returns no docker args when the app has no labels", async () => {
    await using loaded = await loadLabels(wasm, APP);
    const result = await deployArgs(loaded.plugin);
    expect({ result, valid: Value.Check(RESULT, result), calls: loaded.host.calls }).toEqual({
      result: [],
      valid: true,
      calls: ["dokku_store_get"],
    });
  });

  test("adds labels sorted by name, stores them as one JSON property of the app, and returns them on docker-args-deploy", async () => {
    await using loaded = await loadLabels(wasm, APP);
    const added = [
      await runCommand(loaded.plugin, "labels:add", APP, ["traefik.enable", "true"]),
      await runCommand(loaded.plugin, "labels:add", APP, ["owner", 'team "ops"\nnight shift ✓']),
      await runCommand(loaded.plugin, "labels:add", APP, ["owner", "team-ops"]),
    ];
    const result = await deployArgs(loaded.plugin);
    expect({
      added,
      stored: [...loaded.host.store.entries()],
      lines: loaded.host.lines.slice(0, 2),
      result,
      valid: Value.Check(RESULT, result),
    }).toEqual({
      added: [
        { ok: true, output: "" },
        { ok: true, output: "" },
        { ok: true, output: "" },
      ],
      stored: [[`${APP}/labels`, '{"owner":"team-ops","traefik.enable":"true"}']],
      lines: [`step: Setting label traefik.enable for ${APP}`, "detail: Applies from the next deploy (ps:rebuild)"],
      result: [
        { type: "label", name: "owner", value: "team-ops" },
        { type: "label", name: "traefik.enable", value: "true" },
      ],
      valid: true,
    });
  });

  test("keeps escaped and non-ASCII values intact through the store", async () => {
    await using loaded = await loadLabels(wasm, APP);
    const value = 'quote " backslash \\ tab \t newline \n emoji 😀 é';
    await runCommand(loaded.plugin, "labels:add", APP, ["note", value]);
    const result = await deployArgs(loaded.plugin);
    expect({ result, valid: Value.Check(RESULT, result) }).toEqual({
      result: [{ type: "label", name: "note", value }],
      valid: true,
    });
  });

  test("removes a label, and deletes the property with the last one", async () => {
    await using loaded = await loadLabels(wasm, APP, { [`${APP}/labels`]: '{"a":"1","b":"2"}' });
    const first = await runCommand(loaded.plugin, "labels:remove", APP, ["a"]);
    const afterFirst = [...loaded.host.store.entries()];
    const second = await runCommand(loaded.plugin, "labels:remove", APP, ["b"]);
    expect({
      first,
      afterFirst,
      second,
      after: [...loaded.host.store.entries()],
      result: await deployArgs(loaded.plugin),
    }).toEqual({
      first: { ok: true, output: "" },
      afterFirst: [[`${APP}/labels`, '{"b":"2"}']],
      second: { ok: true, output: "" },
      after: [],
      result: [],
    });
  });

  test("reports in Dokku's layout, as JSON, and one value by info flag", async () => {
    await using loaded = await loadLabels(wasm, APP, { [`${APP}/labels`]: '{"a":"1","b":"two words"}' });
    await runCommand(loaded.plugin, "labels:report", APP, []);
    await runCommand(loaded.plugin, "labels:report", APP, ["--format", "json"]);
    await runCommand(loaded.plugin, "labels:report", APP, ["--labels-count"]);
    expect(loaded.host.lines).toEqual([
      `heading: ${APP} labels information`,
      "print:        Labels count:                  2",
      "print:        Labels list:                   a=1 b=two words",
      'print: {"count":"2","list":"a=1 b=two words"}',
      "print: 2",
    ]);
  });

  test.each([
    [["com.dokku.app-name", "x"], "Invalid label name com.dokku.app-name: names starting with com.dokku. are reserved"],
    [
      ["Upper", "x"],
      "Invalid label name Upper: use at most 128 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit",
    ],
    [
      [".dot", "x"],
      "Invalid label name .dot: use at most 128 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit",
    ],
    [
      ["a".repeat(129), "x"],
      `Invalid label name ${"a".repeat(129)}: use at most 128 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit`,
    ],
    [["ok", "x".repeat(4097)], "Label value too long: at most 4096 bytes"],
    [["ok"], "Please specify a label value"],
    [[], "Please specify a label name"],
    [["ok", "a", "b"], "Too many arguments: quote a value that has spaces"],
  ])("labels:add %j is refused and writes nothing", async (args, message) => {
    await using loaded = await loadLabels(wasm, APP, { [`${APP}/labels`]: '{"a":"1"}' });
    const outcome = await runCommand(loaded.plugin, "labels:add", APP, args);
    expect({
      outcome,
      store: [...loaded.host.store.entries()],
      writes: loaded.host.calls.filter((name) => name === "dokku_store_set"),
    }).toEqual({
      outcome: { ok: false, error: message },
      store: [[`${APP}/labels`, '{"a":"1"}']],
      writes: [],
    });
  });

  test("refuses a 65th label and removing a label that is not set, writing nothing", async () => {
    const many = Object.fromEntries(Array.from({ length: 64 }, (_, at) => [`l${String(at).padStart(2, "0")}`, "v"]));
    await using loaded = await loadLabels(wasm, APP, { [`${APP}/labels`]: JSON.stringify(many) });
    const full = await runCommand(loaded.plugin, "labels:add", APP, ["zz", "v"]);
    const missing = await runCommand(loaded.plugin, "labels:remove", APP, ["nope"]);
    const badFormat = await runCommand(loaded.plugin, "labels:report", APP, ["--format", "yaml"]);
    const badFlag = await runCommand(loaded.plugin, "labels:report", APP, ["--labels-nope"]);
    expect({
      full,
      missing,
      badFormat,
      badFlag,
      writes: loaded.host.calls.filter((name) => name === "dokku_store_set"),
    }).toEqual({
      full: { ok: false, error: "Too many labels: an app can have at most 64" },
      missing: { ok: false, error: `Label nope is not set for ${APP}` },
      badFormat: { ok: false, error: "Invalid --format value specified: yaml. Valid values: stdout, json" },
      badFlag: { ok: false, error: "Invalid flag passed, valid flags: --labels-count, --labels-list" },
      writes: [],
    });
  });

  test("offers no reserved or malformed label even when the store holds one", async () => {
    await using loaded = await loadLabels(wasm, APP, {
      [`${APP}/labels`]: '{"com.dokku.app-name":"evil","Bad":"x","fine":"y"}',
    });
    const result = await deployArgs(loaded.plugin);
    expect({ result, valid: Value.Check(RESULT, result) }).toEqual({
      result: [{ type: "label", name: "fine", value: "y" }],
      valid: true,
    });
  });

  test("fails docker-args-deploy when the stored labels are not a JSON object", async () => {
    await using loaded = await loadLabels(wasm, APP, { [`${APP}/labels`]: "not json" });
    const error = await deployArgs(loaded.plugin).then(() => "resolved", pluginError);
    expect(error).toBe("the stored labels are unreadable; remove them with labels:remove");
  });

  test("survives many calls on one instance: the arena is reset per call", async () => {
    await using loaded = await loadLabels(wasm, APP, { [`${APP}/labels`]: JSON.stringify({ big: "x".repeat(4096) }) });
    let last: unknown;
    for (let round = 0; round < 300; round++) last = await deployArgs(loaded.plugin);
    expect(last).toEqual([{ type: "label", name: "big", value: "x".repeat(4096) }]);
  });
});
