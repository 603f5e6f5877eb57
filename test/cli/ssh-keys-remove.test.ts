import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { runDokku, tempRoots } from "../harness";
import { authorizedKeysOf, sshDirOf, KEYS, managedLine } from "../plugins/ssh-keys/fixtures";

function seed(env: Record<string, string>, text: string): void {
  mkdirSync(sshDirOf(env), { recursive: true });
  writeFileSync(authorizedKeysOf(env), text);
}

const ALICE = managedLine("alice", KEYS.alice, "/usr/bin/dokku");
const CAROL = managedLine("carol", KEYS.carol, "/usr/bin/dokku");
const HAND = `# by hand\nfrom="10.0.0.1" ${KEYS.bob.line}`;
const FILE = `${HAND}\n${ALICE}\n${CAROL}\n`;
const ok = { stdout: "", stderr: "", exitCode: 0 };
const error = (message: string) => ({ stdout: "", stderr: ` !     ${message}\n`, exitCode: 1 });

describe("ssh-keys:remove", () => {
  test("removes the key of a name and keeps every other line", async () => {
    using roots = tempRoots();
    seed(roots.env, FILE);
    expect(await runDokku(["ssh-keys:remove", "alice"], { env: roots.env })).toEqual(ok);
    expect(readFileSync(authorizedKeysOf(roots.env), "utf8")).toBe(`${HAND}\n${CAROL}\n`);
  });

  test("removes a key by fingerprint", async () => {
    using roots = tempRoots();
    seed(roots.env, FILE);
    expect(await runDokku(["ssh-keys:remove", "--fingerprint", KEYS.carol.fingerprint], { env: roots.env })).toEqual(
      ok,
    );
    expect(readFileSync(authorizedKeysOf(roots.env), "utf8")).toBe(`${HAND}\n${ALICE}\n`);
  });

  test("lets a removed name be added again", async () => {
    using roots = tempRoots();
    expect((await runDokku(["ssh-keys:add", "alice"], { env: roots.env, stdin: KEYS.alice.line })).exitCode).toBe(0);
    expect(await runDokku(["ssh-keys:remove", "alice"], { env: roots.env })).toEqual(ok);
    expect(readFileSync(authorizedKeysOf(roots.env), "utf8")).toBe("");
    expect(await runDokku(["ssh-keys:add", "alice"], { env: roots.env, stdin: KEYS.alice.line })).toMatchObject({
      exitCode: 0,
    });
  });

  test("succeeds without a change for a name that has no key, as Dokku does", async () => {
    using roots = tempRoots();
    seed(roots.env, FILE);
    expect(await runDokku(["ssh-keys:remove", "nobody"], { env: roots.env })).toEqual(ok);
    expect(await runDokku(["ssh-keys:remove", "bob"], { env: roots.env })).toEqual(ok);
    expect(readFileSync(authorizedKeysOf(roots.env), "utf8")).toBe(FILE);
  });

  describe("refuses and leaves authorized_keys unchanged", () => {
    test("without a name or a fingerprint", async () => {
      using roots = tempRoots();
      seed(roots.env, FILE);
      expect(await runDokku(["ssh-keys:remove"], { env: roots.env })).toEqual(
        error("A name is required to remove a key, ie: dokku ssh-keys:remove <name>"),
      );
      expect(await runDokku(["ssh-keys:remove", "--fingerprint"], { env: roots.env })).toEqual(
        error("A fingerprint is required to remove a key, ie: dokku ssh-keys:remove --fingerprint FINGERPRINT"),
      );
      expect(
        await runDokku(["ssh-keys:remove", "alice", "--fingerprint", KEYS.carol.fingerprint], { env: roots.env }),
      ).toEqual(error("Specify either a name or --fingerprint, not both"));
      expect(readFileSync(authorizedKeysOf(roots.env), "utf8")).toBe(FILE);
    });

    test("when there are no keys", async () => {
      using roots = tempRoots();
      expect(await runDokku(["ssh-keys:remove", "alice"], { env: roots.env })).toEqual(error("No public keys found."));
      expect(existsSync(authorizedKeysOf(roots.env))).toBe(false);
    });

    test("when a line could not be read by sshd", async () => {
      using roots = tempRoots();
      seed(roots.env, `${ALICE}\ninvalid\n`);
      expect(await runDokku(["ssh-keys:remove", "alice"], { env: roots.env })).toEqual(
        error(`${authorizedKeysOf(roots.env)} line 2 failed ssh-keygen check.`),
      );
      expect(readFileSync(authorizedKeysOf(roots.env), "utf8")).toBe(`${ALICE}\ninvalid\n`);
    });
  });
});
