import { describe, expect, test } from "bun:test";
import { Type, type TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { readFileSync } from "node:fs";
import { ALL_TRIGGERS } from "../../sdk/triggers/all";
import { checkerSource, generateValidators, VALIDATORS_PATH } from "../../sdk/scripts/generate-validators";
import { TRIGGER_TABLE } from "../../src/triggers/generated/validators";
import { hasSecret } from "../../src/triggers/redact";

const HASH = `$apr1$abcdefgh$${"a".repeat(22)}`;

/** Values to try on every schema: the checks must agree with Value.Check on each. */
const PROBES: unknown[] = [
  null,
  undefined,
  0,
  7,
  1.5,
  "",
  "text",
  true,
  [],
  ["a", "b"],
  [1],
  {},
  { app: "web" },
  { app: 42 },
  { app: "web", sourceDir: null },
  { app: "web", sourceDir: "/tmp/x", rev: null },
  { app: "web", image: "dokku/web:1", releaseId: 1 },
  { app: "web", image: "dokku/web:1", releaseId: 0 },
  { app: "web", image: "dokku/web:1", releaseId: 1.5 },
  { allow: true },
  { allow: false },
  { allow: false, reason: "no" },
  { user: "a", sshUser: "b", command: "c", args: ["x"] },
  { user: "a", sshUser: "b", apps: ["web"] },
  { scope: { kind: "app", app: "web" }, action: "set", keys: ["A"], restart: true },
  { scope: { kind: "global" }, action: "unset", keys: [], restart: false },
  { scope: { kind: "global" }, action: "merge", keys: [], restart: false },
  [{ type: "respond", status: 503, body: "down", contentType: "text/html; charset=utf-8" }],
  [{ type: "respond", status: 200, body: "up", contentType: "text/html" }],
  [{ type: "respond", status: 503, body: "down", contentType: "Text/HTML" }],
  [{ type: "basic-auth", realm: "r", users: [{ user: "u", hash: HASH }] }],
  [{ type: "basic-auth", realm: "r", users: [{ user: "u", hash: "plain" }] }],
  [{ type: "basic-auth", realm: 'a"b', users: [{ user: "u", hash: HASH }] }],
  [{ type: "basic-auth", realm: "r", users: [] }],
  [{ type: "header", name: "X-Frame-Options", value: "DENY" }],
  [{ type: "header", name: "X Frame", value: "DENY" }],
  [{ type: "header", name: "X-A", value: "a$b" }],
  [{ type: "label", name: "app.tier", value: "web" }],
  [{ type: "label", name: "com.dokku.owner", value: "me" }],
  [{ type: "env", name: "PORT", value: "5000" }],
  [{ type: "env", name: "1PORT", value: "5000" }],
  { app: "web", processType: "web", upstreams: [{ dyno: "web.1", address: "10.0.0.2", port: 5000 }] },
  { app: "web", processType: "web", upstreams: [{ dyno: "web.1", address: "10.0.0.2", port: 70000 }] },
  { app: "web", processType: "web", image: "i", releaseId: 3 },
  { app: "web", stage: "build", reason: "boom", releaseId: null },
  [{ namespace: "apps", entries: [{ flag: "app-locked", value: "false" }] }],
  [{ namespace: "apps", entries: [{ flag: "app-locked" }] }],
  { oldApp: "a", newApp: "b", skipDeploy: false },
];

describe("generate-validators", () => {
  test("the checked-in src/triggers/generated/validators.ts matches the declarations (run `bun run schemas`)", () => {
    expect(readFileSync(VALIDATORS_PATH, "utf8")).toBe(generateValidators());
  });

  test("the table has every declared trigger with its kind, version and whether its payload is secret", () => {
    const expected = Object.fromEntries(
      Object.entries(ALL_TRIGGERS).map(([name, declaration]) => [
        name,
        { kind: declaration.kind, version: declaration.version, secret: hasSecret(declaration.payload) },
      ]),
    );
    const actual = Object.fromEntries(
      Object.entries(TRIGGER_TABLE).map(([name, entry]) => [
        name,
        { kind: entry.kind, version: entry.version, secret: entry.secret },
      ]),
    );
    expect(actual).toEqual(expected);
    expect(TRIGGER_TABLE["user-auth"].secret).toBe(true);
  });

  test("the compiled checks agree with Value.Check on every probe, for every payload and result", () => {
    const disagreements: string[] = [];
    let accepted = 0;
    for (const [name, declaration] of Object.entries(ALL_TRIGGERS)) {
      const entry = TRIGGER_TABLE[name as keyof typeof TRIGGER_TABLE];
      const pairs: [string, TSchema, (value: unknown) => boolean][] = [
        ["payload", declaration.payload, entry.checkPayload],
        ["result", declaration.result, entry.checkResult],
      ];
      for (const [part, schema, check] of pairs) {
        for (const probe of PROBES) {
          const expected = Value.Check(schema, probe);
          if (expected) accepted++;
          if (check(probe) !== expected)
            disagreements.push(`${name} ${part} ${JSON.stringify(probe)}: expected ${expected}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(accepted).toBeGreaterThan(30);
  });

  test("refuses a schema whose check needs TypeBox at run time", () => {
    expect(() => checkerSource(Type.String({ format: "email" }), "post-sample payload")).toThrow(
      "post-sample payload: the schema needs a TypeBox helper at run time",
    );
    expect(() => checkerSource(Type.Array(Type.String(), { uniqueItems: true }), "x")).toThrow(
      "needs a TypeBox helper",
    );
  });

  test("a generated check is a standalone function expression", () => {
    const check = new Function(
      `return ${checkerSource(Type.Object({ port: Type.Integer({ minimum: 1 }) }), "x")};`,
    )() as (value: unknown) => boolean;
    expect([check({ port: 1 }), check({ port: 0 }), check({ port: "1" }), check(null)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});

describe("hasSecret", () => {
  test("finds a secret field at any depth and nothing in a plain schema", () => {
    expect(
      hasSecret(
        Type.Object({
          a: Type.Array(Type.Union([Type.Null(), Type.Object({ t: Type.String({ secret: "config" }) })])),
        }),
      ),
    ).toBe(true);
    expect(hasSecret(Type.Object({ a: Type.Array(Type.String()) }))).toBe(false);
  });
});
