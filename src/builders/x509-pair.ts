import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import { fail } from "../core/errors";
import { opensslTime } from "./x509-facts";

/** A certificate file and a key file as read, with the names to show in errors. */
export interface PemPair {
  readonly crt: string;
  readonly key: string;
  readonly crtName: string;
  readonly keyName: string;
}

/** A pair that passed every check: the leaf, any chain after it, and what to warn about. */
export interface CheckedPair {
  readonly certificate: X509Certificate;
  readonly chain: readonly X509Certificate[];
  readonly warnings: readonly string[];
}

export interface PemBlock {
  readonly label: string;
  readonly text: string;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n[\s\S]*?-----END \1-----/g;
const KEY_LABELS = new Set(["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"]);

/** Every PEM block of `text`, in order. Pure. */
export function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(PEM_BLOCK)].map((match) => ({ label: match[1] as string, text: match[0] }));
}

/**
 * Checks a certificate and key as nginx will use them, before anything is written: the
 * certificate file holds PEM certificates (the server's first, then its chain) that all parse;
 * the key file holds one unencrypted PEM private key; the key belongs to the certificate; the
 * certificate has not expired at `now`. A certificate not valid yet is accepted with a warning
 * (a new certificate and a clock a little behind). Refuses via fail(). Pure.
 */
export function checkCertificatePair(pair: PemPair, now: Date): CheckedPair {
  const [certificate, ...chain] = parseCertificates(pair.crt, pair.crtName);
  const key = parsePrivateKey(pair.key, pair.keyName);
  if (!matches(certificate, key)) {
    fail(
      `The private key in ${pair.keyName} does not match the certificate in ${pair.crtName}`,
      "certificate-key-mismatch",
    );
  }
  if (certificate.validToDate.getTime() <= now.getTime()) {
    fail(
      `The certificate in ${pair.crtName} expired on ${opensslTime(certificate.validToDate)}`,
      "certificate-expired",
    );
  }
  const warnings =
    certificate.validFromDate.getTime() > now.getTime()
      ? [`The certificate in ${pair.crtName} is not valid until ${opensslTime(certificate.validFromDate)}`]
      : [];
  return { certificate, chain, warnings };
}

function parseCertificates(text: string, name: string): [X509Certificate, ...X509Certificate[]] {
  const blocks = pemBlocks(text).filter(
    (block) => block.label === "CERTIFICATE" || block.label === "TRUSTED CERTIFICATE",
  );
  if (blocks.length === 0)
    fail(
      `Invalid certificate in ${name}: no PEM certificate (-----BEGIN CERTIFICATE-----) found`,
      "certificate-invalid",
    );
  const certificates = blocks.map((block, index) => {
    try {
      return new X509Certificate(block.text);
    } catch {
      return fail(`Invalid certificate in ${name}: certificate ${index + 1} cannot be parsed`, "certificate-invalid");
    }
  });
  return certificates as [X509Certificate, ...X509Certificate[]];
}

function parsePrivateKey(text: string, name: string): KeyObject {
  const blocks = pemBlocks(text);
  if (
    blocks.some((block) => block.label === "ENCRYPTED PRIVATE KEY" || block.text.includes("Proc-Type: 4,ENCRYPTED"))
  ) {
    fail(
      `Invalid private key in ${name}: the key is protected by a passphrase; nginx needs it unencrypted`,
      "key-invalid",
    );
  }
  const keys = blocks.filter((block) => KEY_LABELS.has(block.label));
  if (keys.length === 0)
    fail(`Invalid private key in ${name}: no PEM private key (-----BEGIN PRIVATE KEY-----) found`, "key-invalid");
  if (keys.length > 1)
    fail(`Invalid private key in ${name}: the file holds ${keys.length} private keys; expected one`, "key-invalid");
  try {
    return createPrivateKey((keys[0] as PemBlock).text);
  } catch {
    return fail(`Invalid private key in ${name}: the key cannot be parsed`, "key-invalid");
  }
}

/** checkPrivateKey throws on a key of another algorithm than the certificate's: that is a mismatch too. */
function matches(certificate: X509Certificate, key: KeyObject): boolean {
  try {
    return certificate.checkPrivateKey(key);
  } catch {
    return false;
  }
}
