import { beforeAll, describe, expect, test } from "bun:test";
import { Value } from "@sinclair/typebox/value";
import { createHash } from "node:crypto";
import { ALL_TRIGGERS } from "../../sdk/triggers/all";
import { memoryLimits } from "../../sdk/assemblyscript/scripts/check-module";
import { buildShipped, loadModule, runCommand, runTrigger } from "./as-host";

const APP = "shop";
const SNIPPETS = ALL_TRIGGERS["nginx-snippet"].result;
const SALT = Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03, 0x04]);
let built: Awaited<ReturnType<typeof buildShipped>>;

/** The htpasswd `{SSHA}` hash, computed by Bun's crypto. */
function ssha(password: string, salt: Uint8Array): string {
  const digest = createHash("sha1")
    .update(Buffer.concat([Buffer.from(password, "utf8"), salt]))
    .digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString("base64")}`;
}

beforeAll(async () => {
  built = await buildShipped("http-auth");
}, 120_000);

describe("http-auth plugin", () => {
  test("builds a module importing only the kernel, output, random and store, with a memory maximum", () => {
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(built.module));
    expect(
      imports
        .filter((entry) => entry.module !== "extism:host/env")
        .map((entry) => `${entry.module}.${entry.name}`)
        .sort(),
    ).toEqual([
      "extism:host/user.dokku_output",
      "extism:host/user.dokku_random",
      "extism:host/user.dokku_store_get",
      "extism:host/user.dokku_store_set",
    ]);
    expect(memoryLimits(built.module)?.maximum).toBe(256);
  });

  test("enable stores the user and a salted {SSHA} hash equal to Bun's, never the password", async () => {
    await using loaded = await loadModule(built.module, APP, { randomBytes: SALT });
    expect(await runCommand(loaded.plugin, "http-auth:enable", APP, ["ops", "s3cret pass ✓"])).toEqual({
      ok: true,
      output: '{"rebuildProxy":true}',
    });
    expect(loaded.host.lines).toEqual([`step: Enabling HTTP auth for ${APP}`]);
    expect(Object.fromEntries(loaded.host.store)).toEqual({
      [`${APP}/user`]: "ops",
      [`${APP}/hash`]: ssha("s3cret pass ✓", SALT),
    });
    expect([...loaded.host.store.values()].join("\n")).not.toContain("s3cret");
  });

  test("hashes match Bun's for passwords of many lengths and random salts", async () => {
    for (const length of [1, 11, 12, 43, 44, 47, 48, 55, 56, 63, 64, 65, 200]) {
      const salt = crypto.getRandomValues(new Uint8Array(8));
      await using loaded = await loadModule(built.module, APP, { randomBytes: salt });
      const password = "p".repeat(length - 1) + String.fromCharCode(0x21 + (length % 90));
      await runCommand(loaded.plugin, "http-auth:enable", APP, ["u", password]);
      expect(`${length}: ${loaded.host.store.get(`${APP}/hash`)}`).toBe(`${length}: ${ssha(password, salt)}`);
    }
  });

  test("nginx-snippet returns a basic-auth snippet while enabled, nothing otherwise", async () => {
    await using loaded = await loadModule(built.module, APP, { randomBytes: SALT });
    expect(await runTrigger(loaded.plugin, "nginx-snippet", APP, { app: APP })).toEqual({ ok: true, output: "[]" });
    await runCommand(loaded.plugin, "http-auth:enable", APP, ["ops", "pw"]);
    const result = await runTrigger(loaded.plugin, "nginx-snippet", APP, { app: APP });
    const snippets = JSON.parse(result.ok ? result.output : "null");
    expect(snippets).toEqual([
      { type: "basic-auth", realm: "Restricted", users: [{ user: "ops", hash: ssha("pw", SALT) }] },
    ]);
    expect(Value.Check(SNIPPETS, snippets)).toBe(true);
    await runCommand(loaded.plugin, "http-auth:disable", APP);
    expect(loaded.host.store.size).toBe(0);
    expect(await runTrigger(loaded.plugin, "nginx-snippet", APP, { app: APP })).toEqual({ ok: true, output: "[]" });
  });

  test("report prints Dokku's layout, a flag's value, or JSON", async () => {
    await using loaded = await loadModule(built.module, APP, {
      store: { [`${APP}/user`]: "ops", [`${APP}/hash`]: "{SSHA}x" },
    });
    await runCommand(loaded.plugin, "http-auth:report", APP);
    await runCommand(loaded.plugin, "http-auth:report", APP, ["--http-auth-user"]);
    await runCommand(loaded.plugin, "http-auth:report", APP, ["--format=json"]);
    expect(loaded.host.lines).toEqual([
      `heading: ${APP} http-auth information`,
      "print:        Http auth enabled:             true",
      "print:        Http auth user:                ops",
      "print: ops",
      'print: {"enabled":"true","user":"ops"}',
    ]);
  });

  test("refuses a user with ':' or whitespace, an empty password, or missing arguments, writing nothing", async () => {
    await using loaded = await loadModule(built.module, APP, { randomBytes: SALT });
    const refused = [];
    for (const args of [
      ["a:b", "pw"],
      ["a b", "pw"],
      ["a\tb", "pw"],
      ["a\u00a0b", "pw"],
      ["", "pw"],
      ["ops", ""],
      ["ops"],
      [],
      ["ops", "two", "words"],
    ]) {
      refused.push(await runCommand(loaded.plugin, "http-auth:enable", APP, args));
    }
    expect(refused).toEqual([
      { ok: false, error: "User name must not contain ':'" },
      { ok: false, error: "User name must not contain whitespace or control characters" },
      { ok: false, error: "User name must not contain whitespace or control characters" },
      { ok: false, error: "User name must not contain whitespace or control characters" },
      { ok: false, error: "User name must not be empty" },
      { ok: false, error: "Password must not be empty" },
      { ok: false, error: "Please specify a user and a password" },
      { ok: false, error: "Please specify a user and a password" },
      { ok: false, error: "Too many arguments: the password must be one argument" },
    ]);
    expect(loaded.host.store.size).toBe(0);
    expect(loaded.host.lines).toEqual([]);
  });
});
