import { beforeAll, describe, expect, test } from "bun:test";
import { Value } from "@sinclair/typebox/value";
import { createHash } from "node:crypto";
import { ALL_TRIGGERS } from "../../sdk/triggers/all";
import { memoryLimits } from "../../sdk/assemblyscript/scripts/check-module";
import { commandExport, HOST_FUNCTIONS, KERNEL_FUNCTIONS, triggerExport } from "../../src/wasm/exports";
import { buildShipped, loadModule, runCommand, runTrigger } from "./as-host";

const APP = "shop";
const SNIPPETS = ALL_TRIGGERS["nginx-snippet"].result;
let built: Awaited<ReturnType<typeof buildShipped>>;

beforeAll(async () => {
  built = await buildShipped("maintenance");
}, 120_000);

describe("maintenance plugin", () => {
  test("builds a module importing only Extism's kernel and dokku's output and store, with a memory maximum", () => {
    const module = new WebAssembly.Module(built.module);
    const imports = WebAssembly.Module.imports(module).map((entry) => `${entry.module}.${entry.name}`);
    expect(imports.filter((name) => !name.startsWith("extism:host/env.")).sort()).toEqual([
      "extism:host/user.dokku_output",
      "extism:host/user.dokku_store_get",
      "extism:host/user.dokku_store_set",
    ]);
    for (const name of imports) {
      const [ns, fn] = name.split(/\.(?=[^.]+$)/) as [string, string];
      expect(`${name}: ${ns === "extism:host/env" ? KERNEL_FUNCTIONS.has(fn) : fn in HOST_FUNCTIONS}`).toEndWith(
        "true",
      );
    }
    const exports = WebAssembly.Module.exports(module)
      .map((entry) => entry.name)
      .sort();
    expect(exports).toEqual(
      [
        "memory",
        triggerExport("nginx-snippet"),
        ...["on", "off", "report"].map((c) => commandExport(`maintenance:${c}`)),
      ].sort(),
    );
    expect(memoryLimits(built.module)?.maximum).toBe(256); // 16 MiB = memory-mb
    expect(built.toml).toContain(`sha256 = "${createHash("sha256").update(built.module).digest("hex")}"`);
  });

  test("returns no snippet while maintenance is off", async () => {
    await using loaded = await loadModule(built.module, APP);
    const result = await runTrigger(loaded.plugin, "nginx-snippet", APP, { app: APP });
    expect(result).toEqual({ ok: true, output: "[]" });
    expect(Value.Check(SNIPPETS, JSON.parse(result.ok ? result.output : ""))).toBe(true);
  });

  test("on stores the flag, asks for a proxy rebuild, and makes nginx-snippet return a 503 page", async () => {
    await using loaded = await loadModule(built.module, APP);
    expect(await runCommand(loaded.plugin, "maintenance:on", APP)).toEqual({
      ok: true,
      output: '{"rebuildProxy":true}',
    });
    expect(loaded.host.lines).toEqual([`step: Enabling maintenance mode for ${APP}`]);
    expect([...loaded.host.store]).toEqual([[`${APP}/enabled`, "true"]]);
    const result = await runTrigger(loaded.plugin, "nginx-snippet", APP, { app: APP });
    const snippets = JSON.parse(result.ok ? result.output : "null");
    expect(Value.Check(SNIPPETS, snippets)).toBe(true);
    expect(snippets).toHaveLength(1);
    expect(snippets[0]).toMatchObject({ type: "respond", status: 503, contentType: "text/html" });
    expect(snippets[0].body).toStartWith("<!DOCTYPE html>");
    expect(snippets[0].body).toContain("Down for maintenance");
  });

  test("off removes the flag and the snippet", async () => {
    await using loaded = await loadModule(built.module, APP, { store: { [`${APP}/enabled`]: "true" } });
    expect(await runCommand(loaded.plugin, "maintenance:off", APP)).toEqual({
      ok: true,
      output: '{"rebuildProxy":true}',
    });
    expect(loaded.host.lines).toEqual([`step: Disabling maintenance mode for ${APP}`]);
    expect(loaded.host.store.size).toBe(0);
    expect(await runTrigger(loaded.plugin, "nginx-snippet", APP, { app: APP })).toEqual({ ok: true, output: "[]" });
  });

  test("report prints Dokku's report layout, one flag's value, or JSON", async () => {
    await using loaded = await loadModule(built.module, APP, { store: { [`${APP}/enabled`]: "true" } });
    expect(await runCommand(loaded.plugin, "maintenance:report", APP)).toEqual({ ok: true, output: "" });
    expect(await runCommand(loaded.plugin, "maintenance:report", APP, ["--maintenance-enabled"])).toEqual({
      ok: true,
      output: "",
    });
    expect(await runCommand(loaded.plugin, "maintenance:report", APP, ["--format", "json"])).toEqual({
      ok: true,
      output: "",
    });
    expect(loaded.host.lines).toEqual([
      `heading: ${APP} maintenance information`,
      "print:        Maintenance enabled:           true",
      "print: true",
      'print: {"enabled":"true"}',
    ]);
  });

  test("report says false for an app never switched on", async () => {
    await using loaded = await loadModule(built.module, APP);
    await runCommand(loaded.plugin, "maintenance:report", APP);
    expect(loaded.host.lines).toEqual([
      `heading: ${APP} maintenance information`,
      "print:        Maintenance enabled:           false",
    ]);
  });

  test("report refuses an unknown flag, a bad format, and a flag with --format json, writing nothing", async () => {
    await using loaded = await loadModule(built.module, APP);
    expect([
      await runCommand(loaded.plugin, "maintenance:report", APP, ["--bogus"]),
      await runCommand(loaded.plugin, "maintenance:report", APP, ["--format", "yaml"]),
      await runCommand(loaded.plugin, "maintenance:report", APP, ["--format", "json", "--maintenance-enabled"]),
      await runCommand(loaded.plugin, "maintenance:report", APP, ["extra"]),
    ]).toEqual([
      { ok: false, error: "Invalid flag passed, valid flags: --maintenance-enabled" },
      { ok: false, error: "Invalid --format value specified: yaml. Valid values: stdout, json" },
      { ok: false, error: "--format flag cannot be specified when specifying an info flag" },
      { ok: false, error: "Unexpected argument: extra" },
    ]);
    expect(loaded.host.lines).toEqual([]);
    expect(loaded.host.calls.filter((name) => name === "dokku_store_set")).toEqual([]);
  });

  test("keeps apps apart: the flag of one app does not switch another on", async () => {
    await using loaded = await loadModule(built.module, "other", { store: { [`${APP}/enabled`]: "true" } });
    expect(await runTrigger(loaded.plugin, "nginx-snippet", "other", { app: "other" })).toEqual({
      ok: true,
      output: "[]",
    });
  });

  test("fails a command called without an app, warning why", async () => {
    await using loaded = await loadModule(built.module, null);
    const input = JSON.stringify({ command: "maintenance:on", app: null, args: [] });
    const failed = await loaded.plugin.call(commandExport("maintenance:on"), input).then(
      () => false,
      () => true,
    );
    expect(failed).toBe(true);
    expect(loaded.host.lines).toEqual(["warn: this command needs an app"]);
    expect(loaded.host.store.size).toBe(0);
  });
});
