import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import type { Context } from "../../src/core/context";
import { memorySink } from "../../src/core/output";
import { createContext } from "../../src/runtime/create-context";
import { TriggerBus } from "../../src/triggers/bus";
import { appOf, registerPlugins } from "../../src/triggers/wasm-handlers";
import { endSandbox } from "../../src/wasm/sandbox-client";
import { DOKKU_BIN, dokkuErrorOfAsync, tempDir, tempRoots } from "../harness";
import { sandboxChildren } from "../wasm/sandbox-driver";
import { ALL_GRANTS, buildProbe, NO_GRANTS, probePlugin, type BuiltModule } from "../wasm/sandbox-fixture";

let build: ReturnType<typeof tempDir>;
let module: BuiltModule;

beforeAll(async () => {
  build = tempDir("dokku-sandbox-register-");
  module = await buildProbe(build.path);
});

afterAll(() => build[Symbol.dispose]());

const contexts: Context[] = [];
afterEach(() => {
  for (const ctx of contexts.splice(0)) endSandbox(ctx);
});

/** A context on temp roots, and a bus with only the given plugins' handlers. */
function pluginBus(env: Record<string, string>, plugins: Parameters<typeof registerPlugins>[1]) {
  const sink = memorySink();
  const ctx = createContext({
    env,
    flags: { quiet: false, trace: false, force: false },
    sink,
    executablePath: DOKKU_BIN,
  });
  contexts.push(ctx);
  const bus = new TriggerBus(() => ctx);
  registerPlugins(bus, plugins);
  return { bus, sink };
}

const FAILED = { app: "web", stage: "build", reason: "boom", releaseId: null };

describe("registerPlugins", () => {
  test("registers enabled plugins' triggers by plugin name, without starting a sandbox", () => {
    using roots = tempRoots();
    const { bus } = pluginBus(roots.env, [
      probePlugin(module, { name: "zeta", triggers: ["deploy-failed", "post-create"] }),
      probePlugin(module, { name: "alpha", triggers: ["deploy-failed"] }),
      probePlugin(module, { name: "off", triggers: ["deploy-failed"], enabled: false }),
      probePlugin(module, { name: "future", triggers: ["post-nothing"] }),
    ]);
    expect(bus.sources("deploy-failed")).toEqual(["plugin alpha", "plugin zeta"]);
    expect(bus.sources("post-create")).toEqual(["plugin zeta"]);
    expect(sandboxChildren()).toEqual([]);
  });

  test("leaves out nginx-snippet without the nginx grant and docker-args-deploy without docker-args", () => {
    using roots = tempRoots();
    const triggers = ["nginx-snippet", "docker-args-deploy"];
    const { bus } = pluginBus(roots.env, [
      probePlugin(module, { name: "bare", triggers, grants: { ...ALL_GRANTS, nginx: false, dockerArgs: false } }),
      probePlugin(module, { name: "full", triggers }),
    ]);
    expect(bus.sources("nginx-snippet")).toEqual(["plugin full"]);
    expect(bus.sources("docker-args-deploy")).toEqual(["plugin full"]);
  });

  test("hands the plugin the ABI's envelope and streams what it prints", async () => {
    using roots = tempRoots();
    const { bus, sink } = pluginBus(roots.env, [probePlugin(module, { triggers: ["deploy-failed"] })]);
    expect(await bus.fire("deploy-failed", FAILED)).toEqual({ failures: [] });
    expect(sink.out).toBe(
      `       probe got ${JSON.stringify({ trigger: "deploy-failed", version: 1, app: "web", payload: FAILED })}\n`,
    );
  });

  test("issue 12: withholds deploy-failed's reason from a plugin without the config grant, and hands it to one with it", async () => {
    using roots = tempRoots();
    const failed = { ...FAILED, reason: "Could not start web.1: DATABASE_URL=postgres://u:secret-value@db/x" };
    const { bus, sink } = pluginBus(roots.env, [
      probePlugin(module, { name: "granted", triggers: ["deploy-failed"], grants: { ...NO_GRANTS, config: true } }),
      probePlugin(module, { name: "ungranted", triggers: ["deploy-failed"], grants: { ...ALL_GRANTS, config: false } }),
    ]);
    expect(await bus.fire("deploy-failed", failed)).toEqual({ failures: [] });
    expect(sink.out).toBe(
      [failed, { ...failed, reason: "" }]
        .map(
          (payload) =>
            `       probe got ${JSON.stringify({ trigger: "deploy-failed", version: 1, app: "web", payload })}\n`,
        )
        .join(""),
    );
  });

  test("returns a collect trigger's result from the plugin", async () => {
    using roots = tempRoots();
    const { bus } = pluginBus(roots.env, [probePlugin(module, { triggers: ["nginx-snippet"] })]);
    expect(await bus.fire("nginx-snippet", { app: "web" })).toEqual([
      { type: "header", name: "X-Probe", value: "yes" },
    ]);
  });

  test("fails a collect trigger whose plugin result has the wrong shape, naming the plugin and the trigger", async () => {
    using roots = tempRoots();
    const { bus } = pluginBus(roots.env, [probePlugin(module, { triggers: ["docker-args-deploy"] })]);
    const message = await dokkuErrorOfAsync(() =>
      bus.fire("docker-args-deploy", { app: "web", processType: "web", image: "dokku/web:1", releaseId: 1 }),
    );
    expect(message).toStartWith("Invalid result of docker-args-deploy from plugin probe: ");
  });

  test("reports each trapping plugin on a notify trigger, runs them all, and serves the next trigger", async () => {
    using roots = tempRoots();
    const { bus, sink } = pluginBus(roots.env, [
      probePlugin(module, { name: "crashy", triggers: ["post-create"] }),
      probePlugin(module, { name: "fine", triggers: ["post-create", "deploy-failed"] }),
    ]);
    const why = "wasm trap: unreachable code should not be executed";
    expect(await bus.fire("post-create", { app: "web" })).toEqual({
      failures: [
        { source: "plugin crashy", message: why },
        { source: "plugin fine", message: why },
      ],
    });
    expect(sink.err).toBe(
      ` !     plugin crashy failed on post-create: ${why}\n !     plugin fine failed on post-create: ${why}\n`,
    );
    expect(await bus.fire("deploy-failed", FAILED)).toEqual({ failures: [] });
  });

  test("reports a plugin that runs past its deadline on a notify trigger, naming both", async () => {
    using roots = tempRoots();
    const slow = probePlugin(module, { name: "slow", triggers: ["post-delete"], limits: { timeoutMs: 200 } });
    const { bus, sink } = pluginBus(roots.env, [slow]);
    expect(await bus.fire("post-delete", { app: "web" })).toEqual({
      failures: [{ source: "plugin slow", message: "timed out after 200 ms" }],
    });
    expect(sink.err).toBe(" !     plugin slow failed on post-delete: timed out after 200 ms\n");
  });
});

describe("appOf", () => {
  test("finds the app of a payload by its app or its scope", () => {
    expect(appOf({ app: "web" })).toBe("web");
    expect(appOf({ scope: { kind: "app", app: "api" }, keys: [] })).toBe("api");
    expect(appOf({ scope: { kind: "global" } })).toBeNull();
    expect(appOf({ command: "apps:list" })).toBeNull();
    expect(appOf(null)).toBeNull();
  });
});
