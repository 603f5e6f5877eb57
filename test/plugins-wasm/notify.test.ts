import { beforeAll, describe, expect, test } from "bun:test";
import { Value } from "@sinclair/typebox/value";
import { ALL_TRIGGERS } from "../../sdk/triggers/all";
import { memoryLimits } from "../../sdk/assemblyscript/scripts/check-module";
import { buildShipped, loadModule, runCommand, runTrigger } from "./as-host";

const APP = "shop";
const URL = "http://127.0.0.1:9/hooks/deploy?token=abc";
let built: Awaited<ReturnType<typeof buildShipped>>;

beforeAll(async () => {
  built = await buildShipped("notify");
}, 120_000);

describe("notify plugin", () => {
  test("builds a module importing only the kernel, output, store and http, with a memory maximum", () => {
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(built.module));
    expect(
      imports
        .filter((entry) => entry.module !== "extism:host/env")
        .map((entry) => `${entry.module}.${entry.name}`)
        .sort(),
    ).toEqual([
      "extism:host/user.dokku_http",
      "extism:host/user.dokku_output",
      "extism:host/user.dokku_store_get",
      "extism:host/user.dokku_store_set",
    ]);
    expect(memoryLimits(built.module)?.maximum).toBe(256);
  });

  test("set stores the url, set without a value unsets it, report shows it", async () => {
    await using loaded = await loadModule(built.module, APP);
    expect(await runCommand(loaded.plugin, "notify:set", APP, ["url", URL])).toEqual({ ok: true, output: "" });
    expect(Object.fromEntries(loaded.host.store)).toEqual({ [`${APP}/url`]: URL });
    await runCommand(loaded.plugin, "notify:report", APP);
    await runCommand(loaded.plugin, "notify:report", APP, ["--notify-url"]);
    await runCommand(loaded.plugin, "notify:report", APP, ["--format", "json"]);
    expect(await runCommand(loaded.plugin, "notify:set", APP, ["url"])).toEqual({ ok: true, output: "" });
    expect(loaded.host.store.size).toBe(0);
    expect(loaded.host.lines).toEqual([
      `step: Setting url to ${URL}`,
      `heading: ${APP} notify information`,
      `print:        Notify url:                    ${URL}`,
      `print: ${URL}`,
      `print: {"url":${JSON.stringify(URL)}}`,
      "step: Unsetting url",
    ]);
  });

  test("post-deploy POSTs the deploy message as JSON to the url", async () => {
    await using loaded = await loadModule(built.module, APP, { store: { [`${APP}/url`]: URL } });
    const payload = { app: APP, image: `dokku/${APP}:latest`, releaseId: 7 };
    expect(Value.Check(ALL_TRIGGERS["post-deploy"].payload, payload)).toBe(true);
    const result = await runTrigger(loaded.plugin, "post-deploy", APP, payload);
    expect(result).toEqual({ ok: true, output: "" });
    expect(loaded.host.http.map((request) => ({ ...request, body: JSON.parse(request.body) }))).toEqual([
      {
        method: "POST",
        url: URL,
        headers: { "content-type": "application/json" },
        body: { app: APP, event: "deploy", release: 7 },
      },
    ]);
    expect(loaded.host.lines).toEqual([]);
  });

  test("deploy-failed POSTs the stage and the reason, with the release only when one was recorded", async () => {
    await using loaded = await loadModule(built.module, APP, { store: { [`${APP}/url`]: URL } });
    const reason = 'health check "web" failed:\n  GET / answered 500 ✗';
    await runTrigger(loaded.plugin, "deploy-failed", APP, { app: APP, stage: "deploy", reason, releaseId: 4 });
    await runTrigger(loaded.plugin, "deploy-failed", APP, {
      app: APP,
      stage: "build",
      reason: "no Dockerfile",
      releaseId: null,
    });
    expect(loaded.host.http.map((request) => JSON.parse(request.body))).toEqual([
      { app: APP, event: "deploy-failed", stage: "deploy", release: 4, reason },
      { app: APP, event: "deploy-failed", stage: "build", reason: "no Dockerfile" },
    ]);
  });

  test("issue 12: deploy-failed leaves the reason out when the host withheld it (notify has no config grant)", async () => {
    await using loaded = await loadModule(built.module, APP, { store: { [`${APP}/url`]: URL } });
    await runTrigger(loaded.plugin, "deploy-failed", APP, { app: APP, stage: "deploy", reason: "", releaseId: 4 });
    expect(loaded.host.http.map((request) => JSON.parse(request.body))).toEqual([
      { app: APP, event: "deploy-failed", stage: "deploy", release: 4 },
    ]);
  });

  test("sends nothing when the app has no url", async () => {
    await using loaded = await loadModule(built.module, APP);
    expect(await runTrigger(loaded.plugin, "post-deploy", APP, { app: APP, image: "x", releaseId: 1 })).toEqual({
      ok: true,
      output: "",
    });
    expect(loaded.host.http).toEqual([]);
  });

  test("a failed POST is a warning, not a failure of the trigger", async () => {
    for (const answer of [{ error: "connection refused" }, { status: 500, body: "boom" }]) {
      await using loaded = await loadModule(built.module, APP, { store: { [`${APP}/url`]: URL }, http: () => answer });
      const result = await runTrigger(loaded.plugin, "post-deploy", APP, { app: APP, image: "x", releaseId: 2 });
      expect({ result, lines: loaded.host.lines }).toEqual({
        result: { ok: true, output: "" },
        lines: [
          "error" in answer
            ? `warn: notify: webhook for ${APP} failed: connection refused`
            : `warn: notify: webhook for ${APP} answered HTTP 500`,
        ],
      });
    }
  });

  test("refuses an unknown property, a url that is not http(s), and extra words, writing nothing", async () => {
    await using loaded = await loadModule(built.module, APP);
    const results = [];
    for (const args of [
      [],
      ["token", "x"],
      ["url", "ftp://example.com/"],
      ["url", "http://"],
      ["url", "http://a b"],
      ["url", "http://a", "b"],
      ["url", `http://h/${"x".repeat(2048)}`],
    ]) {
      results.push(await runCommand(loaded.plugin, "notify:set", APP, args));
    }
    expect(results).toEqual([
      { ok: false, error: "No property specified, valid properties include: url" },
      { ok: false, error: "Invalid property specified, valid properties include: url" },
      { ok: false, error: "Invalid url: it must start with http:// or https://" },
      { ok: false, error: "Invalid url: no host" },
      { ok: false, error: "Invalid url: it must not contain whitespace or control characters" },
      { ok: false, error: "Too many arguments: the url must be one argument" },
      { ok: false, error: "Invalid url: longer than 2048 characters" },
    ]);
    expect(loaded.host.store.size).toBe(0);
    expect(loaded.host.lines).toEqual([]);
  });
});
