import { describe, expect, test } from "bun:test";
import type { Context } from "../../src/core/context";
import { isDokkuError } from "../../src/core/errors";
import { createOutput, memorySink } from "../../src/core/output";
import { TriggerBus } from "../../src/triggers/bus";

/**
 * Issue 12: a WASM plugin's `first` and `collect` results are untrusted input. The bus cuts
 * its lists to their bounds and drops values naming no real app, builder, proxy type or the
 * plugin's own namespace, with ONE warning naming the plugin; core handlers are not screened.
 */
const APPS = ["api", "web"];
const HOSTILE_NAMES = ["--global", "../../tmp/x", "\u001b[2J", "ghost", "web", "API", "web/../api", ""];

function testBus() {
  const sink = memorySink();
  const ctx = { out: createOutput(sink) } as unknown as Context;
  const bus = new TriggerBus(() => ctx);
  bus.referent("app", () => APPS);
  bus.referent("builder", () => ["dockerfile", "null"]);
  bus.referent("proxy-type", () => ["nginx"]);
  return { bus, sink };
}

const asPlugin = { plugin: "evil" };
const section = (namespace: string, entries = 1) => ({
  namespace,
  entries: Array.from({ length: entries }, (_, i) => ({ flag: `${namespace}-f${i}`, value: "v" })),
});

describe("TriggerBus: plugin results against reality (issue 12)", () => {
  test("app-list keeps only a plugin's names of existing apps, with one warning naming the plugin", async () => {
    const { bus, sink } = testBus();
    bus.on("app-list", "apps", () => ["api"]);
    bus.on("app-list", "plugin evil", () => HOSTILE_NAMES, asPlugin);
    expect(await bus.fire("app-list", {})).toEqual(["api", "web"]);
    expect(sink.err).toBe(
      ' !     plugin evil returned for app-list: 7 values not naming an existing app (dropped): "--global", "../../tmp/x", "\\u001b[2J" and 4 more\n',
    );
  });

  test("a core handler's names are not screened", async () => {
    const { bus, sink } = testBus();
    bus.on("app-list", "apps", () => ["not-an-app-dir"]);
    expect(await bus.fire("app-list", {})).toEqual(["not-an-app-dir"]);
    expect(sink.err).toBe("");
  });

  test("100k names from a plugin cost one warning, and none of them survives", async () => {
    const { bus, sink } = testBus();
    bus.on("app-list", "plugin evil", () => Array.from({ length: 100_000 }, (_, i) => `app-${i}`), asPlugin);
    expect(await bus.fire("app-list", {})).toEqual([]);
    expect(sink.err).toBe(
      ' !     plugin evil returned for app-list: 100000 values not naming an existing app (dropped): "app-0", "app-1", "app-2" and 99997 more\n',
    );
  });

  test("user-auth-app drops a plugin's names of no existing app", async () => {
    const { bus, sink } = testBus();
    bus.on("user-auth-app", "plugin evil", () => ["web", "--global"], asPlugin);
    expect(await bus.fire("user-auth-app", { user: "u", sshUser: "dokku", apps: APPS })).toEqual(["web"]);
    expect(sink.err).toBe(
      ' !     plugin evil returned for user-auth-app: 1 value not naming an existing app (dropped): "--global"\n',
    );
  });

  test("builder-detect: a plugin naming no builder of this host is passed over for the next handler", async () => {
    const { bus, sink } = testBus();
    bus.on("builder-detect", "plugin evil", () => "../../bin/sh", asPlugin);
    bus.on("builder-detect", "plugin fine", () => "dockerfile", { plugin: "fine" });
    expect(await bus.fire("builder-detect", { app: "web", sourceDir: null })).toBe("dockerfile");
    expect(sink.err).toBe(
      ' !     plugin evil returned for builder-detect: 1 value not naming a builder of this host (dockerfile, null) (dropped): "../../bin/sh"\n',
    );
  });

  test("proxy-type: a plugin naming no proxy type of this host answers nothing", async () => {
    const { bus, sink } = testBus();
    bus.on("proxy-type", "plugin evil", () => "\u001b]0;caddy\u0007", asPlugin);
    expect(await bus.fire("proxy-type", { app: "web" })).toBeUndefined();
    expect(sink.err).toBe(
      ' !     plugin evil returned for proxy-type: 1 value not naming a proxy type of this host (nginx) (dropped): "\\u001b]0;caddy\\u0007"\n',
    );
  });

  test("report: a plugin's sections are cut to 16 and its entries to 4096, and only its own namespace is kept", async () => {
    const { bus, sink } = testBus();
    const huge = [section("evil", 5000), section("app"), ...Array.from({ length: 98 }, () => section("evil"))];
    bus.on("report", "plugin evil", () => huge, asPlugin);
    const sections = await bus.fire("report", { app: "web" });
    expect(sections.map((item) => [item.namespace, item.entries.length])).toEqual([
      ["evil", 4096],
      ...Array.from({ length: 14 }, () => ["evil", 1]),
    ]);
    expect(sink.err).toBe(
      " !     plugin evil returned for report: 100 items, more than the 16 allowed (kept the first 16); 5000 items in /*/entries, more than the 4096 allowed (kept the first 4096); " +
        '1 value other than its own name (evil) (dropped): "app"\n',
    );
  });

  test("report: a value over 64 KiB, a flag or namespace of other characters fail the report naming the plugin", async () => {
    for (const bad of [
      [{ namespace: "evil", entries: [{ flag: "evil-x", value: "x".repeat(65_537) }] }],
      [{ namespace: "evil", entries: [{ flag: "evil-\u001b[2J", value: "v" }] }],
      [{ namespace: "--global", entries: [] }],
    ]) {
      const { bus } = testBus();
      bus.on("report", "plugin evil", () => bad, asPlugin);
      const error = await bus.fire("report", { app: "web" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isDokkuError(error) && error.message).toStartWith("Invalid result of report from plugin evil: /0/");
    }
  });

  test("nginx-snippet and docker-args-deploy: a plugin's lists are cut to their bounds", async () => {
    const { bus, sink } = testBus();
    const header = { type: "header" as const, name: "X-Evil", value: "1" };
    bus.on("nginx-snippet", "plugin evil", () => Array.from({ length: 40 }, () => header), asPlugin);
    bus.on(
      "docker-args-deploy",
      "plugin evil",
      () => Array.from({ length: 100 }, (_, i) => ({ type: "env" as const, name: `E${i}`, value: "v" })),
      asPlugin,
    );
    expect(await bus.fire("nginx-snippet", { app: "web" })).toHaveLength(16);
    expect(
      await bus.fire("docker-args-deploy", { app: "web", processType: "web", image: "i", releaseId: 1 }),
    ).toHaveLength(64);
    expect(sink.err).toBe(
      " !     plugin evil returned for nginx-snippet: 40 items, more than the 16 allowed (kept the first 16)\n" +
        " !     plugin evil returned for docker-args-deploy: 100 items, more than the 64 allowed (kept the first 64)\n",
    );
  });

  test("a referent no core plugin resolves keeps nothing (closed by default)", async () => {
    const sink = memorySink();
    const bus = new TriggerBus(() => ({ out: createOutput(sink) }) as unknown as Context);
    bus.on("app-list", "plugin evil", () => ["web"], asPlugin);
    expect(await bus.fire("app-list", {})).toEqual([]);
  });

  test("the views of a bus share its referents", async () => {
    const { bus } = testBus();
    const sink = memorySink();
    const view = bus.withContext(() => ({ out: createOutput(sink) }) as unknown as Context);
    view.on("app-list", "plugin evil", () => ["web", "ghost"], asPlugin);
    expect(await view.fire("app-list", {})).toEqual(["web"]);
  });
});
