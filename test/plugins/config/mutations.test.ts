import { describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import type { Scope } from "../../../sdk/triggers/define";
import type { Context } from "../../../src/core/context";
import { memorySink } from "../../../src/core/output";
import { createContext } from "../../../src/runtime/create-context";
import { textInput } from "../../../src/runtime/process-input";
import { readEnv, readMergedEnv } from "../../../src/plugins/config/env-store";
import { clearConfig, importConfig, setConfig, unsetConfig } from "../../../src/plugins/config/mutations";
import type { Payload } from "../../../src/triggers/bus";
import { dokkuErrorOfAsync, tempRoots } from "../../harness";

const WEB: Scope = { kind: "app", app: "web" };
const GLOBAL: Scope = { kind: "global" };

/** A context on temp roots with app `web`, recording every post-config-update payload. */
function setup() {
  const roots = tempRoots();
  mkdirSync(`${roots.env.DOKKU_ROOT}/web`);
  const sink = memorySink();
  const ctx = createContext({
    env: roots.env,
    flags: { quiet: false, trace: false, force: false },
    sink,
    input: textInput(""),
  });
  const fired: Payload<"post-config-update">[] = [];
  ctx.bus.on("post-config-update", "test", (payload) => {
    fired.push(payload);
    return null;
  });
  const envFile = (scope: string) => `${roots.env.DOKKU_LIB_ROOT}/config/${scope}/ENV`;
  return { roots, ctx, sink, fired, envFile, [Symbol.dispose]: () => roots[Symbol.dispose]() };
}

const env = (...pairs: [string, string][]) => new Map(pairs);

describe("setConfig", () => {
  test("writes the app's ENV 0600 and fires post-config-update with the app scope", async () => {
    using t = setup();
    await setConfig(t.ctx, WEB, env(["B", "2"], ["A", "it's"]), { restart: true });
    expect(t.fired).toEqual([{ scope: { kind: "app", app: "web" }, action: "set", keys: ["A", "B"], restart: true }]);
    expect(readFileSync(t.envFile("web"), "utf8")).toBe("export A='it'\\''s'\nexport B='2'\n");
    expect(statSync(t.envFile("web")).mode & 0o777).toBe(0o600);
    expect(t.sink).toMatchObject({ out: "-----> Setting config vars\n       A:  it's\n       B:  2\n", err: "" });
  });

  test("fires with the global scope, never --global as an app, and the no-restart flag", async () => {
    using t = setup();
    await setConfig(t.ctx, GLOBAL, env(["G", "1"]), { restart: false });
    expect(t.fired).toEqual([{ scope: { kind: "global" }, action: "set", keys: ["G"], restart: false }]);
    expect(readFileSync(t.envFile("--global"), "utf8")).toBe("export G='1'\n");
  });

  test("keeps the other keys and overwrites the given ones", async () => {
    using t = setup();
    await setConfig(t.ctx, WEB, env(["A", "1"], ["B", "1"]), { restart: true });
    await setConfig(t.ctx, WEB, env(["B", "2"]), { restart: true });
    expect([...readEnv(t.ctx, WEB)]).toEqual([
      ["A", "1"],
      ["B", "2"],
    ]);
  });

  test("refuses an invalid key, writing nothing and firing nothing", async () => {
    using t = setup();
    await setConfig(t.ctx, WEB, env(["A", "1"]), { restart: true });
    const before = readFileSync(t.envFile("web"), "utf8");
    expect(
      await dokkuErrorOfAsync(() => setConfig(t.ctx, WEB, env(["OK", "1"], ["BAD-KEY", "2"]), { restart: true })),
    ).toBe("Invalid key name: 'BAD-KEY'");
    expect(readFileSync(t.envFile("web"), "utf8")).toBe(before);
    expect(t.fired).toHaveLength(1);
  });
});

describe("unsetConfig", () => {
  test("removes the keys that were set and fires with those keys only", async () => {
    using t = setup();
    await setConfig(t.ctx, WEB, env(["A", "1"], ["B", "2"]), { restart: true });
    t.sink.out = "";
    await unsetConfig(t.ctx, WEB, ["A", "NOPE"], false);
    expect(t.sink.out).toBe("-----> Unsetting A\n-----> Skipping NOPE, it is not set in the environment\n");
    expect(t.fired[1]).toEqual({ scope: WEB, action: "unset", keys: ["A"], restart: false });
    expect([...readEnv(t.ctx, WEB)]).toEqual([["B", "2"]]);
  });

  test("fires nothing when no key was set", async () => {
    using t = setup();
    await unsetConfig(t.ctx, WEB, ["NOPE"], true);
    expect(t.fired).toEqual([]);
  });

  test("refuses no keys and invalid keys before touching anything", async () => {
    using t = setup();
    expect(await dokkuErrorOfAsync(() => unsetConfig(t.ctx, WEB, [], true))).toBe("At least one key must be given");
    expect(await dokkuErrorOfAsync(() => unsetConfig(t.ctx, WEB, ["A", "B.C"], true))).toBe("Invalid key name: 'B.C'");
    expect(t.sink.out).toBe("");
  });
});

describe("clearConfig", () => {
  test("unsets every key and fires clear with them", async () => {
    using t = setup();
    await setConfig(t.ctx, GLOBAL, env(["B", "2"], ["A", "1"]), { restart: true });
    t.sink.out = "";
    await clearConfig(t.ctx, GLOBAL, true);
    expect(t.sink.out).toBe("-----> Unsetting A\n-----> Unsetting B\n");
    expect(t.fired[1]).toEqual({ scope: GLOBAL, action: "clear", keys: ["A", "B"], restart: true });
    expect(readEnv(t.ctx, GLOBAL).size).toBe(0);
  });

  test("does nothing on an empty environment", async () => {
    using t = setup();
    await clearConfig(t.ctx, WEB, true);
    expect([t.fired, t.sink.out]).toEqual([[], ""]);
  });
});

describe("importConfig", () => {
  test("with replace drops the other keys and fires import with set and dropped keys", async () => {
    using t = setup();
    await setConfig(t.ctx, WEB, env(["OLD", "1"], ["KEEP", "1"]), { restart: true });
    await importConfig(t.ctx, WEB, env(["KEEP", "2"], ["NEW", "3"]), { restart: true, replace: true });
    expect([...readEnv(t.ctx, WEB)]).toEqual([
      ["KEEP", "2"],
      ["NEW", "3"],
    ]);
    expect(t.fired[1]).toEqual({ scope: WEB, action: "import", keys: ["KEEP", "NEW", "OLD"], restart: true });
  });

  test("refuses an empty import and an invalid key, writing nothing", async () => {
    using t = setup();
    expect(await dokkuErrorOfAsync(() => importConfig(t.ctx, WEB, env(), { restart: true, replace: false }))).toBe(
      "No config vars to set",
    );
    expect(
      await dokkuErrorOfAsync(() => importConfig(t.ctx, WEB, env(["A.B", "1"]), { restart: true, replace: true })),
    ).toBe("Invalid key name: 'A.B'");
    expect(() => statSync(t.envFile("web"))).toThrow();
    expect(t.fired).toEqual([]);
  });
});

describe("readEnv", () => {
  test("reads an ENV file Dokku itself wrote (godotenv format)", () => {
    using t = setup();
    mkdirSync(`${t.roots.env.DOKKU_LIB_ROOT}/config/web`, { recursive: true });
    writeFileSync(t.envFile("web"), 'A="x\\ny \\$z"\nB=42\n');
    expect([...readEnv(t.ctx, WEB)]).toEqual([
      ["A", "x\ny $z"],
      ["B", "42"],
    ]);
  });

  test("refuses a corrupt ENV file naming its path, not its content", () => {
    using t = setup();
    mkdirSync(`${t.roots.env.DOKKU_LIB_ROOT}/config/web`, { recursive: true });
    writeFileSync(t.envFile("web"), "A='secret\n");
    expect(() => readEnv(t.ctx, WEB)).toThrow(
      `${t.envFile("web")} is not a valid ENV file: unterminated quoted value for A on line 1`,
    );
  });

  test("merges the global environment under the app's", async () => {
    using t = setup();
    await setConfig(t.ctx, GLOBAL, env(["A", "g"], ["G", "g"]), { restart: true });
    await setConfig(t.ctx, WEB, env(["A", "app"]), { restart: true });
    expect([...readMergedEnv(t.ctx as Context, WEB)]).toEqual([
      ["A", "app"],
      ["G", "g"],
    ]);
  });
});
