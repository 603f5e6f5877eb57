import { describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { runDokku, tempRoots } from "../harness";
import {
  authorizedKeysOf,
  sshDirOf,
  KEY_OPTIONS,
  KEYS,
  managedLine,
  SSHCOMMAND_LINE,
} from "../plugins/ssh-keys/fixtures";

function seed(env: Record<string, string>, lines: string[]): void {
  mkdirSync(sshDirOf(env), { recursive: true });
  writeFileSync(authorizedKeysOf(env), `${lines.join("\n")}\n`);
}

const ALICE = managedLine("alice", KEYS.alice, "/usr/bin/dokku");
const CAROL = managedLine("carol", KEYS.carol, "/usr/bin/dokku");
const aliceText = `${KEYS.alice.fingerprint} NAME="alice" SSHCOMMAND_ALLOWED_KEYS="${KEY_OPTIONS}"`;
const carolText = `${KEYS.carol.fingerprint} NAME="carol" SSHCOMMAND_ALLOWED_KEYS="${KEY_OPTIONS}"`;
const aliceJson = {
  fingerprint: KEYS.alice.fingerprint,
  name: "alice",
  SSHCOMMAND_ALLOWED_KEYS: KEY_OPTIONS,
  "public-key": KEYS.alice.line,
};

describe("ssh-keys:list", () => {
  test("prints one line per added key, skipping keys added by hand", async () => {
    using roots = tempRoots();
    seed(roots.env, ["# comment", ALICE, "", KEYS.bob.line, CAROL]);
    const expected = { stdout: `${aliceText}\n${carolText}\n`, stderr: "", exitCode: 0 };
    expect(await runDokku(["ssh-keys:list"], { env: roots.env })).toEqual(expected);
    expect(await runDokku(["ssh-keys:list", "--format", "text"], { env: roots.env })).toEqual(expected);
    expect(await runDokku(["ssh-keys"], { env: roots.env })).toMatchObject({
      exitCode: 0,
      stdout: expect.stringContaining("ssh-keys:list"),
    });
  });

  test("filters by name", async () => {
    using roots = tempRoots();
    seed(roots.env, [ALICE, CAROL]);
    expect(await runDokku(["ssh-keys:list", "carol"], { env: roots.env })).toEqual({
      stdout: `${carolText}\n`,
      stderr: "",
      exitCode: 0,
    });
  });

  test("prints JSON, filtered by name, and [] when nothing matches", async () => {
    using roots = tempRoots();
    seed(roots.env, [ALICE, CAROL]);
    const all = await runDokku(["ssh-keys:list", "--format", "json"], { env: roots.env });
    expect(all).toMatchObject({ stderr: "", exitCode: 0 });
    expect(JSON.parse(all.stdout)).toHaveLength(2);
    const one = await runDokku(["ssh-keys:list", "--format", "json", "alice"], { env: roots.env });
    expect(one).toEqual({ stdout: `${JSON.stringify([aliceJson])}\n`, stderr: "", exitCode: 0 });
    expect(await runDokku(["ssh-keys:list", "--format", "json", "nobody"], { env: roots.env })).toEqual({
      stdout: "[]\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("lists keys that Dokku's sshcommand added", async () => {
    using roots = tempRoots();
    seed(roots.env, [SSHCOMMAND_LINE]);
    expect(await runDokku(["ssh-keys:list"], { env: roots.env })).toEqual({
      stdout: `SHA256:y/lCsvs2fCWjcYc0whZFYQ3UX/OO2qv+n6wE7D9dCeI NAME="sha256" SSHCOMMAND_ALLOWED_KEYS="${KEY_OPTIONS}"\n`,
      stderr: "",
      exitCode: 0,
    });
  });

  test("as sshcommand: fails when authorized_keys is missing or empty, lists nothing from a file without keys, fails silently for an unknown name", async () => {
    using roots = tempRoots();
    const path = authorizedKeysOf(roots.env);
    for (const format of [[], ["--format", "json"]]) {
      expect(await runDokku(["ssh-keys:list", ...format], { env: roots.env })).toEqual({
        stdout: "",
        stderr: ` !     ${path} not found\n`,
        exitCode: 1,
      });
    }
    mkdirSync(sshDirOf(roots.env), { recursive: true });
    writeFileSync(path, "");
    expect(await runDokku(["ssh-keys:list"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: ` !     ${path} is empty\n`,
      exitCode: 1,
    });
    writeFileSync(path, "\n");
    expect(await runDokku(["ssh-keys:list"], { env: roots.env })).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(await runDokku(["ssh-keys:list", "--format", "json"], { env: roots.env })).toEqual({
      stdout: "[]\n",
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["ssh-keys:list", "name1"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: "",
      exitCode: 1,
    });
    seed(roots.env, [ALICE]);
    expect(await runDokku(["ssh-keys:list", "carol"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: "",
      exitCode: 1,
    });
  });

  test("refuses an unknown format", async () => {
    using roots = tempRoots();
    seed(roots.env, [ALICE]);
    expect(await runDokku(["ssh-keys:list", "--format", "xml"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Invalid output format specified, supported formats: json, text\n",
      exitCode: 1,
    });
  });

  test("fails on a line sshd could not read", async () => {
    using roots = tempRoots();
    seed(roots.env, [ALICE, "invalid"]);
    expect(await runDokku(["ssh-keys:list"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: ` !     ${authorizedKeysOf(roots.env)} line 2 failed ssh-keygen check.\n`,
      exitCode: 1,
    });
  });
});
