import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DOKKU_BIN, runDokku, tempRoots } from "../harness";
import { authorizedKeysOf, sshDirOf, KEYS, managedLine } from "../plugins/ssh-keys/fixtures";

const EXECUTABLE = realpathSync(DOKKU_BIN);

function keyFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function seed(env: Record<string, string>, text: string): void {
  mkdirSync(sshDirOf(env), { recursive: true });
  writeFileSync(authorizedKeysOf(env), text);
}

const error = (message: string) => ({ stdout: "", stderr: ` !     ${message}\n`, exitCode: 1 });

describe("ssh-keys:add", () => {
  test("adds a key from a file, prints its fingerprint and writes a forced command", async () => {
    using roots = tempRoots();
    const file = keyFile(roots.dir, "alice.pub", `${KEYS.alice.line}\n`);
    expect(await runDokku(["ssh-keys:add", "alice", file], { env: roots.env })).toEqual({
      stdout: `${KEYS.alice.fingerprint}\n`,
      stderr: "",
      exitCode: 0,
    });
    const path = authorizedKeysOf(roots.env);
    expect(readFileSync(path, "utf8")).toBe(`${managedLine("alice", KEYS.alice, EXECUTABLE)}\n`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(sshDirOf(roots.env)).mode & 0o777).toBe(0o700);
  });

  test("reads the key from stdin when no file or - is given", async () => {
    using roots = tempRoots();
    const piped = await runDokku(["ssh-keys:add", "alice"], { env: roots.env, stdin: KEYS.alice.line });
    expect(piped).toEqual({ stdout: `${KEYS.alice.fingerprint}\n`, stderr: "", exitCode: 0 });
    const dash = await runDokku(["ssh-keys:add", "carol", "-"], { env: roots.env, stdin: `${KEYS.carol.line}\r\n` });
    expect(dash).toEqual({ stdout: `${KEYS.carol.fingerprint}\n`, stderr: "", exitCode: 0 });
    expect(readFileSync(authorizedKeysOf(roots.env), "utf8")).toBe(
      `${managedLine("alice", KEYS.alice, EXECUTABLE)}\n${managedLine("carol", KEYS.carol, EXECUTABLE)}\n`,
    );
  });

  test("keeps lines it did not write byte for byte", async () => {
    using roots = tempRoots();
    const existing = `# hand-added\nfrom="10.0.0.1" ${KEYS.bob.line}\n\n# no final newline`;
    seed(roots.env, existing);
    expect((await runDokku(["ssh-keys:add", "alice"], { env: roots.env, stdin: KEYS.alice.line })).exitCode).toBe(0);
    expect(readFileSync(authorizedKeysOf(roots.env), "utf8")).toBe(
      `${existing}\n${managedLine("alice", KEYS.alice, EXECUTABLE)}\n`,
    );
  });

  test("keeps every key when several adds run at once", async () => {
    using roots = tempRoots();
    const entries = Object.entries(KEYS);
    const results = await Promise.all(
      entries.map(([name, key]) => runDokku(["ssh-keys:add", name], { env: roots.env, stdin: key.line })),
    );
    expect(results.map((result) => result.exitCode)).toEqual(entries.map(() => 0));
    const lines = readFileSync(authorizedKeysOf(roots.env), "utf8").trimEnd().split("\n").sort();
    expect(lines).toEqual(entries.map(([name, key]) => managedLine(name, key, EXECUTABLE)).sort());
  });

  describe("refuses and leaves authorized_keys unchanged", () => {
    const existing = `${KEYS.bob.line}\n`;

    async function refused(args: string[], stdin: string | undefined, message: string, seeded = existing) {
      using roots = tempRoots();
      if (seeded !== "") seed(roots.env, seeded);
      const resolved = args.map((arg) => arg.replace("$DIR", roots.dir));
      expect(await runDokku(["ssh-keys:add", ...resolved], { env: roots.env, stdin })).toEqual(
        error(message.replace("$DIR", roots.dir)),
      );
      if (seeded === "") expect(existsSync(authorizedKeysOf(roots.env))).toBe(false);
      else expect(readFileSync(authorizedKeysOf(roots.env), "utf8")).toBe(seeded);
    }

    test("an invalid key", async () => {
      await refused(
        ["alice"],
        "invalid!\n",
        "Key specified is not a valid ssh public key: unsupported key type 'invalid!'",
      );
      await refused(
        ["alice"],
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5\n",
        "Key specified is not a valid ssh public key: the key data is truncated",
        "",
      );
    });

    test("more than one key", async () => {
      await refused(
        ["alice"],
        `${KEYS.alice.line}\n${KEYS.carol.line}\n`,
        "Too many keys provided, set one per invocation of dokku ssh-keys:add <NAME> <KEY_FILE>",
      );
    });

    test("a key already present under any name, or added by hand", async () => {
      await refused(["bob2"], KEYS.bob.line, "Duplicate ssh public key specified");
      await refused(
        ["bob2"],
        KEYS.bob.line,
        "Duplicate ssh public key specified",
        `${managedLine("bob", KEYS.bob, "/usr/bin/dokku")}\n`,
      );
    });

    test("a name already in use", async () => {
      await refused(
        ["bob"],
        KEYS.alice.line,
        "Duplicate ssh key name",
        `${managedLine("bob", KEYS.bob, "/usr/bin/dokku")}\n`,
      );
    });

    test("a name outside letters, digits, '.', '_', '@' and '-'", async () => {
      for (const name of ["two words", "x;id", "$(id)", "a/b"]) {
        await refused(
          [name],
          KEYS.alice.line,
          `Invalid ssh key name '${name}': it must begin with a letter or digit and may only contain letters, digits, '.', '_', '@' and '-'`,
        );
      }
    });

    test("a missing name, an empty key or a missing file", async () => {
      await refused(
        [],
        KEYS.alice.line,
        "A name is required to add a key, ie: dokku ssh-keys:add <name> [/path/to/key]",
      );
      await refused(["alice"], "\n", "Empty key was specified");
      await refused(["alice", "$DIR/nope.pub"], undefined, "Key file $DIR/nope.pub not found", "");
    });

    test("a file with a line sshd could not read", async () => {
      using roots = tempRoots();
      seed(roots.env, `${KEYS.bob.line}\ninvalid\n`);
      expect(await runDokku(["ssh-keys:add", "alice"], { env: roots.env, stdin: KEYS.alice.line })).toEqual(
        error(`${authorizedKeysOf(roots.env)} line 2 failed ssh-keygen check.`),
      );
      expect(readFileSync(authorizedKeysOf(roots.env), "utf8")).toBe(`${KEYS.bob.line}\ninvalid\n`);
    });
  });
});
