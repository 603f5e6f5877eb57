import { afterAll, describe, expect, test } from "bun:test";
import { checkCertificatePair, pemBlocks } from "../../src/builders/x509-pair";
import { dokkuErrorOf } from "../harness";
import { makeCertFixtures } from "../plugins/certs/fixtures";

const fixtures = makeCertFixtures();
afterAll(() => fixtures[Symbol.dispose]());

const NOW = new Date("2030-06-01T00:00:00Z");

function pair(crt: string, key: string) {
  return { crt: fixtures.text(crt), key: fixtures.text(key), crtName: crt, keyName: key };
}

describe("pemBlocks", () => {
  test("returns every block with its label, in order", () => {
    const text =
      "junk\n-----BEGIN EC PARAMETERS-----\nBggq\n-----END EC PARAMETERS-----\n-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----\n";
    expect(pemBlocks(text)).toEqual([
      { label: "EC PARAMETERS", text: "-----BEGIN EC PARAMETERS-----\nBggq\n-----END EC PARAMETERS-----" },
      { label: "EC PRIVATE KEY", text: "-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----" },
    ]);
  });

  test("ignores a block whose END does not match its BEGIN", () => {
    expect(pemBlocks("-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n")).toEqual([]);
  });
});

describe("checkCertificatePair", () => {
  test("accepts a matching pair and returns the leaf without warnings", () => {
    const checked = checkCertificatePair(pair("good.crt", "good.key"), new Date());
    expect({ subject: checked.certificate.subject, chain: checked.chain.length, warnings: checked.warnings }).toEqual({
      subject: "CN=app1.example.com",
      chain: 0,
      warnings: [],
    });
  });

  test("returns the certificates after the leaf as its chain", () => {
    const checked = checkCertificatePair(pair("leaf-chain.crt", "leaf.key"), new Date());
    expect(checked.chain.map((certificate) => certificate.subject)).toEqual(["O=Test Root\nCN=Test Intermediate"]);
  });

  test("warns when the certificate is not valid yet", () => {
    expect(checkCertificatePair(pair("future.crt", "good.key"), NOW).warnings).toEqual([
      "The certificate in future.crt is not valid until Jan  1 00:00:00 2049 GMT",
    ]);
  });

  const refusals: [string, string, string, string][] = [
    [
      "a file without a certificate",
      "garbage.txt",
      "good.key",
      "Invalid certificate in garbage.txt: no PEM certificate (-----BEGIN CERTIFICATE-----) found",
    ],
    [
      "a certificate block that does not parse",
      "broken.crt",
      "good.key",
      "Invalid certificate in broken.crt: certificate 1 cannot be parsed",
    ],
    [
      "a key file holding a certificate",
      "good.crt",
      "good.crt",
      "Invalid private key in good.crt: no PEM private key (-----BEGIN PRIVATE KEY-----) found",
    ],
    [
      "a garbage key",
      "good.crt",
      "garbage.txt",
      "Invalid private key in garbage.txt: no PEM private key (-----BEGIN PRIVATE KEY-----) found",
    ],
    [
      "a passphrase-protected key",
      "good.crt",
      "encrypted.key",
      "Invalid private key in encrypted.key: the key is protected by a passphrase; nginx needs it unencrypted",
    ],
    [
      "another RSA key",
      "good.crt",
      "other.key",
      "The private key in other.key does not match the certificate in good.crt",
    ],
    [
      "a key of another algorithm",
      "good.crt",
      "ec.key",
      "The private key in ec.key does not match the certificate in good.crt",
    ],
    [
      "an expired certificate",
      "expired.crt",
      "good.key",
      "The certificate in expired.crt expired on Feb  1 00:00:00 2020 GMT",
    ],
  ];
  for (const [what, crt, key, message] of refusals) {
    test(`refuses ${what}`, () => {
      expect(dokkuErrorOf(() => checkCertificatePair(pair(crt, key), NOW))).toBe(message);
    });
  }

  test("refuses a key block that does not parse", () => {
    const key = "-----BEGIN PRIVATE KEY-----\nbm9wZQ==\n-----END PRIVATE KEY-----\n";
    expect(dokkuErrorOf(() => checkCertificatePair({ ...pair("good.crt", "good.key"), key }, NOW))).toBe(
      "Invalid private key in good.key: the key cannot be parsed",
    );
  });

  test("refuses a key file with two keys", () => {
    const key = fixtures.text("good.key") + fixtures.text("other.key");
    expect(dokkuErrorOf(() => checkCertificatePair({ ...pair("good.crt", "good.key"), key }, NOW))).toBe(
      "Invalid private key in good.key: the file holds 2 private keys; expected one",
    );
  });

  test("refuses a certificate that expires at this very second", () => {
    const expiry = new Date("2020-02-01T00:00:00Z");
    expect(dokkuErrorOf(() => checkCertificatePair(pair("expired.crt", "good.key"), expiry))).toBe(
      "The certificate in expired.crt expired on Feb  1 00:00:00 2020 GMT",
    );
  });
});
