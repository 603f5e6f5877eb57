import { describe, expect, test } from "bun:test";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parsePublicKey, publicKeyText, type KeyParse } from "../../../src/plugins/ssh-keys/public-key";
import { tempDir } from "../../harness";
import { blob, fields, KEYS } from "./fixtures";

const SSH_KEYGEN = "/usr/bin/ssh-keygen";

function fingerprint(result: KeyParse): string {
  if (!result.ok) throw new Error(result.problem);
  return result.key.fingerprint;
}

function problem(line: string): string | undefined {
  const result = parsePublicKey(line);
  return result.ok ? undefined : result.problem;
}

/** What `ssh-keygen -lf` prints as the fingerprint of a one-line key file. */
async function keygenFingerprint(dir: string, line: string): Promise<string> {
  const file = join(dir, `key-${Math.random().toString(36).slice(2)}.pub`);
  writeFileSync(file, `${line}\n`);
  const child = Bun.spawn([SSH_KEYGEN, "-lf", file], { stdout: "pipe", stderr: "pipe" });
  const [stdout, exitCode] = await Promise.all([new Response(child.stdout).text(), child.exited]);
  if (exitCode !== 0) throw new Error(`ssh-keygen refused ${line}`);
  return stdout.split(" ")[1] as string;
}

const ED25519 = fields(KEYS.alice.line)[1] as Uint8Array;
const P256_POINT = fields(KEYS.p256.line)[2] as Uint8Array;
const SK_ED25519 = `sk-ssh-ed25519@openssh.com ${blob("sk-ssh-ed25519@openssh.com", ED25519, "ssh:")} yubikey`;
const SK_ECDSA = `sk-ecdsa-sha2-nistp256@openssh.com ${blob("sk-ecdsa-sha2-nistp256@openssh.com", "nistp256", P256_POINT, "ssh:")}`;

describe("parsePublicKey", () => {
  test("gives the fingerprints ssh-keygen printed for every key type it generates", () => {
    for (const key of Object.values(KEYS)) expect(fingerprint(parsePublicKey(key.line))).toBe(key.fingerprint);
  });

  test.skipIf(!existsSync(SSH_KEYGEN))("agrees with ssh-keygen -lf on fresh keys and on security keys", async () => {
    using dir = tempDir();
    const lines = [SK_ED25519, SK_ECDSA];
    for (const [type, bits] of [
      ["ed25519", "256"],
      ["rsa", "3072"],
      ["ecdsa", "256"],
      ["ecdsa", "384"],
      ["ecdsa", "521"],
    ]) {
      const path = join(dir.path, `${type}-${bits}`);
      const child = Bun.spawn([SSH_KEYGEN, "-q", "-t", type as string, "-b", bits as string, "-N", "", "-f", path]);
      expect(await child.exited).toBe(0);
      lines.push(await Bun.file(`${path}.pub`).text());
    }
    for (const line of lines)
      expect(fingerprint(parsePublicKey(line))).toBe(await keygenFingerprint(dir.path, line.trim()));
  });

  test("keeps the type, base64 and a comment with spaces", () => {
    const result = parsePublicKey(`  ${KEYS.carol.line}\r\n`);
    if (!result.ok) throw new Error(result.problem);
    expect(result.key.type).toBe("ssh-rsa");
    expect(result.key.comment).toBe("carol rsa key");
    expect(publicKeyText(result.key)).toBe(KEYS.carol.line);
  });

  test("accepts a key without a comment", () => {
    expect(fingerprint(parsePublicKey(KEYS.p256.line))).toBe(KEYS.p256.fingerprint);
    expect(parsePublicKey(KEYS.p256.line)).toMatchObject({ ok: true, key: { comment: "" } });
  });

  test("refuses input that is not a key", () => {
    expect(problem("")).toBe("empty key");
    expect(problem("invalid!")).toBe("unsupported key type 'invalid!'");
    expect(problem("ssh-ed25519")).toBe("missing key data");
    expect(problem("ssh-ed25519 not*base64")).toBe("the key data is not valid base64");
    expect(problem("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJSzKULmCV4YawFFhmy3jq/QylSw/NYLVMGzKgJRnQ9")).toBe(
      "the key data is not valid base64",
    );
    expect(problem(`${KEYS.alice.line}\u0007`)).toBe("the key contains control characters");
  });

  test("refuses key types it does not support, such as DSA", () => {
    expect(problem(`ssh-dss ${blob("ssh-dss", "p", "q", "g", "y")}`)).toBe("unsupported key type 'ssh-dss'");
  });

  test("refuses a blob whose inner type differs from the declared one", () => {
    const ed25519Data = KEYS.alice.line.split(" ")[1];
    expect(problem(`ssh-rsa ${ed25519Data}`)).toBe("the key data is of type 'ssh-ed25519', not 'ssh-rsa'");
  });

  test("refuses incomplete or oversized structures", () => {
    expect(problem(`ssh-ed25519 ${blob("ssh-ed25519")}`)).toBe("the key data is truncated");
    expect(problem(`ssh-ed25519 ${blob("ssh-ed25519", ED25519.subarray(0, 31))}`)).toBe(
      "an ed25519 key must be 32 bytes",
    );
    expect(problem(`ssh-ed25519 ${blob("ssh-ed25519", ED25519, "extra")}`)).toBe("trailing data after the key");
    const cut = Buffer.from(blob("ssh-ed25519", ED25519), "base64").subarray(0, 40).toString("base64");
    expect(problem(`ssh-ed25519 ${cut}`)).toBe("the key data is truncated");
  });

  test("refuses malformed RSA keys", () => {
    const [, exponent, modulus] = fields(KEYS.carol.line) as [Uint8Array, Uint8Array, Uint8Array];
    expect(problem(`ssh-rsa ${blob("ssh-rsa", exponent, modulus.subarray(0, 100))}`)).toBe(
      "the RSA key is shorter than 1024 bits",
    );
    expect(problem(`ssh-rsa ${blob("ssh-rsa", exponent, new Uint8Array([0x80, ...modulus.subarray(1)]))}`)).toBe(
      "the RSA key is malformed",
    );
    expect(problem(`ssh-rsa ${blob("ssh-rsa", new Uint8Array(), modulus)}`)).toBe("the RSA key is malformed");
  });

  test("refuses ECDSA keys with the wrong curve or a point off the curve", () => {
    const type = "ecdsa-sha2-nistp256";
    expect(problem(`${type} ${blob(type, "nistp384", P256_POINT)}`)).toBe(
      "the key names curve 'nistp384', not 'nistp256'",
    );
    expect(problem(`${type} ${blob(type, "nistp256", P256_POINT.subarray(0, 64))}`)).toBe(
      "the ECDSA point is malformed",
    );
    const moved = Uint8Array.from(P256_POINT);
    moved[64] = (moved[64] as number) ^ 1;
    expect(problem(`${type} ${blob(type, "nistp256", moved)}`)).toBe("the ECDSA point is not on the curve");
  });

  test("refuses security keys without an ssh: application", () => {
    const type = "sk-ssh-ed25519@openssh.com";
    expect(problem(`${type} ${blob(type, ED25519)}`)).toBe("the key data is truncated");
    expect(problem(`${type} ${blob(type, ED25519, "https://example.com")}`)).toBe(
      "the security key application must start with 'ssh:'",
    );
  });
});
