import { describe, expect, test } from "bun:test";
import {
  appendLine,
  executablePathProblem,
  keyNameProblem,
  listJson,
  listLine,
  parseAuthorizedKeys,
  parseAuthorizedKeysLine,
  removeLines,
  renderManagedLine,
} from "../../../src/plugins/ssh-keys/authorized-keys";
import { parsePublicKey, type PublicKey } from "../../../src/plugins/ssh-keys/public-key";
import { KEYS, SSHCOMMAND_LINE } from "./fixtures";

function key(line: string): PublicKey {
  const result = parsePublicKey(line);
  if (!result.ok) throw new Error(result.problem);
  return result.key;
}

const OPTIONS = "no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding";
const ALICE_LINE = `command="FINGERPRINT=${KEYS.alice.fingerprint} NAME=alice /usr/bin/dokku",${OPTIONS} ${KEYS.alice.line}`;
const HAND_ADDED = `from="10.0.0.1",environment="A=b c" ${KEYS.bob.line}`;

describe("renderManagedLine", () => {
  test("writes a forced command with the fingerprint, the name and the executable", () => {
    expect(renderManagedLine("alice", key(KEYS.alice.line), "/usr/bin/dokku")).toBe(ALICE_LINE);
  });

  test("round-trips through the parser", () => {
    const line = renderManagedLine("carol.ops@example", key(KEYS.carol.line), "/opt/dokku/bin/dokku");
    expect(parseAuthorizedKeysLine(line).managed).toEqual({
      name: "carol.ops@example",
      fingerprint: KEYS.carol.fingerprint,
      allowedKeys: OPTIONS,
      publicKey: KEYS.carol.line,
    });
  });
});

describe("parseAuthorizedKeysLine", () => {
  test("reads a key without options as a key we did not add", () => {
    const line = parseAuthorizedKeysLine(KEYS.bob.line);
    expect(line).toMatchObject({ kind: "key", options: [], key: { fingerprint: KEYS.bob.fingerprint } });
    expect(line.managed).toBeUndefined();
  });

  test("splits options with quoted commas, blanks and escaped quotes", () => {
    const line = parseAuthorizedKeysLine(`command="echo \\"a, b\\"",no-pty ${KEYS.bob.line}`);
    expect(line).toMatchObject({ kind: "key", options: ['command="echo \\"a, b\\""', "no-pty"] });
    expect(line.managed).toBeUndefined();
    expect(parseAuthorizedKeysLine(HAND_ADDED)).toMatchObject({
      kind: "key",
      options: ['from="10.0.0.1"', 'environment="A=b c"'],
    });
  });

  test("reads the lines Dokku's sshcommand wrote, with a quoted NAME", () => {
    expect(parseAuthorizedKeysLine(SSHCOMMAND_LINE).managed).toMatchObject({
      name: "sha256",
      fingerprint: "SHA256:y/lCsvs2fCWjcYc0whZFYQ3UX/OO2qv+n6wE7D9dCeI",
      allowedKeys: OPTIONS,
    });
  });

  test("tells blank, comment and unreadable lines apart", () => {
    expect(parseAuthorizedKeys('\n  \n# note\ninvalid\ncommand="open ssh-ed25519 AAAA\n')).toMatchObject([
      { kind: "blank" },
      { kind: "blank" },
      { kind: "comment" },
      { kind: "invalid" },
      { kind: "invalid" },
    ]);
  });

  test("accepts key types it cannot fully check when the blob names them", () => {
    const dss = `ssh-dss ${Buffer.concat([Buffer.from([0, 0, 0, 7]), Buffer.from("ssh-dss")]).toString("base64")}`;
    expect(parseAuthorizedKeysLine(dss).kind).toBe("key");
  });
});

describe("appendLine", () => {
  test("adds a line and a final newline, keeping every existing byte", () => {
    expect(appendLine("", "new")).toBe("new\n");
    expect(appendLine("a\n", "new")).toBe("a\nnew\n");
    expect(appendLine("# no final newline", "new")).toBe("# no final newline\nnew\n");
  });
});

describe("removeLines", () => {
  test("drops only the selected lines", () => {
    const text = `# keep me\n${ALICE_LINE}\n\n${HAND_ADDED}\n`;
    expect(removeLines(text, (line) => line.managed?.name === "alice")).toBe(`# keep me\n\n${HAND_ADDED}\n`);
    expect(removeLines(`${ALICE_LINE}\n`, () => true)).toBe("");
  });
});

describe("keyNameProblem", () => {
  test("accepts names made of letters, digits, dots, underscores, at signs and hyphens", () => {
    for (const name of ["admin", "new-user", "name1", "jane.doe@laptop", "CI_deploy", "7"])
      expect(keyNameProblem(name)).toBeUndefined();
  });

  test("refuses names that would need quoting in a shell", () => {
    for (const name of ["a b", "-flag", ".hidden", "x;y", "$(id)", "`id`", 'q"', "a'b", "é", "a\nb", "a/b", "a=b"]) {
      expect(keyNameProblem(name)).toStartWith(`Invalid ssh key name '${name}'`);
    }
    expect(keyNameProblem("")).toStartWith("A name is required");
    expect(keyNameProblem("a".repeat(129))).toBe("Invalid ssh key name: at most 128 characters");
  });
});

describe("executablePathProblem", () => {
  test("accepts absolute paths of plain characters and refuses anything else", () => {
    expect(executablePathProblem("/usr/bin/dokku")).toBeUndefined();
    expect(executablePathProblem("/opt/dokku-1.2/bin/dokku_x+y")).toBeUndefined();
    for (const path of ["dokku", "/tmp/my dir/dokku", "/tmp/$x/dokku", '/tmp/"/dokku', "/tmp/a;b"]) {
      expect(executablePathProblem(path)).toStartWith(`Cannot use '${path}' in a forced command`);
    }
  });
});

describe("listLine and listJson", () => {
  test("print Dokku's text and JSON forms", () => {
    const managed = parseAuthorizedKeysLine(ALICE_LINE).managed;
    if (!managed) throw new Error("not managed");
    expect(listLine(managed)).toBe(`${KEYS.alice.fingerprint} NAME="alice" SSHCOMMAND_ALLOWED_KEYS="${OPTIONS}"`);
    expect(JSON.parse(listJson([managed]))).toEqual([
      {
        fingerprint: KEYS.alice.fingerprint,
        name: "alice",
        SSHCOMMAND_ALLOWED_KEYS: OPTIONS,
        "public-key": KEYS.alice.line,
      },
    ]);
    expect(listJson([])).toBe("[]");
  });
});
