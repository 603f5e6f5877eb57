import { describe, expect, test } from "bun:test";
import { Type } from "@sinclair/typebox";
import { ALL_TRIGGERS, type TriggerName } from "../../sdk/triggers/all";
import type { TriggerDeclaration } from "../../sdk/triggers/define";
import { triggerExamples } from "../../sdk/scripts/trigger-reference";
import { TRIGGER_TABLE } from "../../src/triggers/generated/validators";
import { payloadGates, withhold, type PayloadGate } from "../../src/triggers/payload-gates";
import { pluginPayload } from "../../src/triggers/wasm-handlers";
import type { Grants } from "../../src/wasm/types";

const NOTHING: Grants = { net: [], config: false, store: false, nginx: false, dockerArgs: false };
const NET_ONLY: Grants = { ...NOTHING, net: ["*"] };
const EVERYTHING_BUT_CONFIG: Grants = { net: ["*"], config: false, store: true, nginx: true, dockerArgs: true };
const CONFIG: Grants = { ...NOTHING, config: true };
const held =
  (...grants: string[]) =>
  (grant: string) =>
    grants.includes(grant);

describe("payloadGates", () => {
  test("finds every field marked secret, with the grant that unlocks it and what stands in for it", () => {
    const schema = Type.Object({
      app: Type.String(),
      args: Type.Array(Type.String(), { secret: "config" }),
      note: Type.String({ secret: "config" }),
      maybe: Type.Union([Type.String(), Type.Null()], { secret: "config" }),
      extra: Type.Optional(Type.Object({ a: Type.Integer() }, { secret: "config" })),
      items: Type.Array(Type.Object({ name: Type.String(), token: Type.Optional(Type.String({ secret: "config" })) })),
      scope: Type.Union([
        Type.Object({ kind: Type.Literal("app"), key: Type.String({ secret: "config" }) }),
        Type.Object({ kind: Type.Literal("global") }),
      ]),
    });
    expect(payloadGates(schema)).toEqual([
      { path: ["args"], grant: "config", omit: false, withheld: [] },
      { path: ["note"], grant: "config", omit: false, withheld: "" },
      { path: ["maybe"], grant: "config", omit: false, withheld: null },
      { path: ["extra"], grant: "config", omit: true, withheld: null },
      { path: ["items", "*", "token"], grant: "config", omit: true, withheld: null },
      { path: ["scope", "key"], grant: "config", omit: false, withheld: "" },
    ]);
  });

  test.each([
    [
      "the whole payload",
      Type.Object({ a: Type.String() }, { secret: "config" }),
      "payload: the whole payload cannot be secret; mark its fields",
    ],
    [
      "the items of a list",
      Type.Object({ a: Type.Array(Type.String({ secret: "config" })) }),
      "payload.a[]: mark the array a secret, not its items",
    ],
    [
      "a required object",
      Type.Object({ a: Type.Object({}, { secret: "config" }) }),
      "payload.a: a secret field must be optional, nullable, a list or a plain string, so a plugin without the grant still gets a valid payload",
    ],
    [
      "a required integer",
      Type.Object({ a: Type.Integer({ secret: "config" }) }),
      "payload.a: a secret field must be optional, nullable, a list or a plain string, so a plugin without the grant still gets a valid payload",
    ],
    [
      "a string that may not be empty",
      Type.Object({ a: Type.String({ minLength: 1, secret: "config" }) }),
      "payload.a: a secret field must be optional, nullable, a list or a plain string, so a plugin without the grant still gets a valid payload",
    ],
    [
      "a list that may not be empty",
      Type.Object({ a: Type.Array(Type.String(), { minItems: 1, secret: "config" }) }),
      "payload.a: a secret field must be optional, nullable, a list or a plain string, so a plugin without the grant still gets a valid payload",
    ],
    [
      "an unknown grant",
      Type.Object({ a: Type.String({ secret: "root" }) }),
      'payload.a: secret must name the grant that unlocks the field ("config"), got "root"',
    ],
    [
      "the old boolean mark",
      Type.Object({ a: Type.String({ secret: true }) }),
      'payload.a: secret must name the grant that unlocks the field ("config"), got true',
    ],
  ])("refuses a declaration marking %s secret", (_what, schema, message) => {
    expect(() => payloadGates(schema)).toThrow(message);
  });

  test("the generated table carries each trigger's gates as its declaration gives them", () => {
    for (const [name, declaration] of Object.entries(ALL_TRIGGERS)) {
      expect({ name, gates: TRIGGER_TABLE[name as TriggerName].gates }).toEqual({
        name,
        gates: payloadGates(declaration.payload),
      });
    }
  });

  test("user-auth's args and deploy-failed's reason are gated by config, and nothing else is", () => {
    const gated = Object.entries(TRIGGER_TABLE).flatMap(([name, entry]) =>
      entry.gates.map((gate) => `${name} ${gate.path.join(".")} ${gate.grant}`),
    );
    expect(gated.sort()).toEqual(["deploy-failed reason config", "user-auth args config"]);
  });
});

describe("withhold", () => {
  const gates: PayloadGate[] = [
    { path: ["args"], grant: "config", omit: false, withheld: [] },
    { path: ["items", "*", "token"], grant: "config", omit: true, withheld: null },
  ];
  const payload = { app: "web", args: ["web", "KEY=v"], items: [{ name: "a", token: "t1" }, { name: "b" }] };

  test("withholds what the plugin's grants do not unlock, leaving the original as it was", () => {
    const before = structuredClone(payload);
    expect(withhold(payload, gates, held())).toEqual({ app: "web", args: [], items: [{ name: "a" }, { name: "b" }] });
    expect(payload).toEqual(before);
  });

  test("hands the payload itself over when the grants unlock every gate", () => {
    expect(withhold(payload, gates, held("config"))).toBe(payload);
  });

  test("leaves alone a payload without the gated fields, or with other shapes there", () => {
    expect(withhold({ app: "web" }, gates, held())).toEqual({ app: "web" });
    expect(withhold({ items: "not a list" }, gates, held())).toEqual({ items: "not a list" });
    expect(withhold(null, gates, held())).toBeNull();
  });

  test("each stand-in is a fresh value: changing one never changes the gate", () => {
    const first = withhold(payload, gates, held()) as { args: string[] };
    first.args.push("x");
    expect((withhold(payload, gates, held()) as { args: string[] }).args).toEqual([]);
  });
});

describe("pluginPayload (issue 12)", () => {
  const auth = {
    user: "alice",
    sshUser: "dokku",
    command: "config:set",
    app: "web",
    args: ["web", "DATABASE_URL=postgres://u:secret-value@db/x"],
  };
  const failed = {
    app: "web",
    stage: "deploy",
    reason: "Could not start web.1: DATABASE_URL=postgres://u:secret-value@db/x",
    releaseId: 3,
  };

  test("user-auth: a plugin without config gets the command and its app, never its args", () => {
    for (const grants of [NOTHING, NET_ONLY, EVERYTHING_BUT_CONFIG]) {
      expect(pluginPayload("user-auth", auth, grants)).toEqual({ ...auth, args: [] });
    }
    expect(pluginPayload("user-auth", auth, CONFIG)).toEqual(auth);
  });

  test("deploy-failed: a plugin without config gets the stage and release, not the reason that may quote the app's output", () => {
    for (const grants of [NOTHING, NET_ONLY, EVERYTHING_BUT_CONFIG]) {
      expect(pluginPayload("deploy-failed", failed, grants)).toEqual({ ...failed, reason: "" });
    }
    expect(pluginPayload("deploy-failed", failed, CONFIG)).toEqual(failed);
  });

  test("every trigger's payload, withheld from a plugin without grants, still matches the schema plugin authors are given", () => {
    for (const [name, declaration] of Object.entries(ALL_TRIGGERS) as [TriggerName, TriggerDeclaration][]) {
      const { payload } = triggerExamples(declaration);
      expect({ name, valid: TRIGGER_TABLE[name].checkPayload(payload) }).toEqual({ name, valid: true });
      const withheld = pluginPayload(name, payload, NOTHING);
      expect({ name, valid: TRIGGER_TABLE[name].checkPayload(withheld) }).toEqual({ name, valid: true });
    }
  });

  test("no trigger hands a plugin without grants a value of a field marked secret", () => {
    for (const [name, declaration] of Object.entries(ALL_TRIGGERS) as [TriggerName, TriggerDeclaration][]) {
      const { payload } = triggerExamples(declaration);
      const withheld = JSON.stringify(pluginPayload(name, payload, NOTHING));
      for (const gate of TRIGGER_TABLE[name].gates) {
        const value = gate.path.reduce<unknown>(
          (at, key) => (at as Record<string, unknown> | undefined)?.[key],
          payload,
        );
        if (value === undefined || (Array.isArray(value) && value.length === 0) || value === "") continue;
        expect({ name, field: gate.path.join("."), leaked: withheld.includes(JSON.stringify(value)) }).toEqual({
          name,
          field: gate.path.join("."),
          leaked: false,
        });
      }
    }
  });
});
