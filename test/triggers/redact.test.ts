import { describe, expect, test } from "bun:test";
import { Type } from "@sinclair/typebox";
import { userAuth } from "../../sdk/triggers/apps";
import { redact, REDACTED } from "../../src/triggers/redact";

describe("redact", () => {
  test("replaces the fields a declaration marks secret", () => {
    const payload = { user: "alice", sshUser: "dokku", command: "config:set", args: ["web", "TOKEN=s3cret"] };
    expect(redact(userAuth.payload, payload)).toEqual({ ...payload, args: REDACTED });
  });

  test("leaves the original payload untouched", () => {
    const payload = { user: "a", sshUser: "b", command: "c", args: ["x"] };
    redact(userAuth.payload, payload);
    expect(payload.args).toEqual(["x"]);
  });

  test("follows nested objects, arrays and the matching union variant", () => {
    const schema = Type.Object({
      items: Type.Array(Type.Object({ name: Type.String(), token: Type.String({ secret: "config" }) })),
      scope: Type.Union([
        Type.Object({ kind: Type.Literal("app"), app: Type.String(), key: Type.String({ secret: "config" }) }),
        Type.Object({ kind: Type.Literal("global") }),
      ]),
    });
    const value = { items: [{ name: "a", token: "t1" }], scope: { kind: "app", app: "web", key: "k" } };
    expect(redact(schema, value)).toEqual({
      items: [{ name: "a", token: REDACTED }],
      scope: { kind: "app", app: "web", key: REDACTED },
    });
    expect(redact(schema, { items: [], scope: { kind: "global" } })).toEqual({ items: [], scope: { kind: "global" } });
  });

  test("keeps fields that are not secret as they are", () => {
    expect(redact(Type.Object({ app: Type.String() }), { app: "web" })).toEqual({ app: "web" });
  });
});
