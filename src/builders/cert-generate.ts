import { fail } from "../core/errors";

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_DOMAIN_LENGTH = 253;
/** Dokku's certs:generate signs for a year. */
export const SELF_SIGNED_DAYS = 365;

/**
 * The domain a self-signed certificate is made for: a lowercase hostname (labels of letters,
 * digits and inner hyphens, at most 63 each, 253 in all), optionally `*.` for a wildcard.
 * Returns it lowercased, or refuses via fail(). Pure.
 */
export function certificateDomain(domain: string | undefined): string {
  if (!domain) fail("Please specify a domain: certs:generate <app> DOMAIN", "invalid-domain");
  const name = domain.toLowerCase();
  const labels = (name.startsWith("*.") ? name.slice(2) : name).split(".");
  if (name.length > MAX_DOMAIN_LENGTH || labels.some((label) => !LABEL.test(label))) {
    fail(`Invalid domain: ${domain}`, "invalid-domain");
  }
  return name;
}

/** Files of one generation, inside a private temp dir. */
export interface GenerateFiles {
  readonly key: string;
  readonly csr: string;
  readonly crt: string;
}

/**
 * Dokku's three openssl steps without the prompts: a 2048-bit RSA key and a signing request for
 * CN=<domain> with the domain as its subject alternative name, then the request self-signed for
 * a year, keeping the SAN (browsers ignore the CN). Argv arrays, never a shell. Pure.
 */
export function selfSignedArgv(domain: string, files: GenerateFiles): string[][] {
  return [
    [
      "openssl",
      "req",
      "-new",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      files.key,
      "-out",
      files.csr,
      "-subj",
      `/CN=${domain}`,
      "-addext",
      `subjectAltName=DNS:${domain}`,
    ],
    [
      "openssl",
      "x509",
      "-req",
      "-days",
      String(SELF_SIGNED_DAYS),
      "-in",
      files.csr,
      "-signkey",
      files.key,
      "-out",
      files.crt,
      "-copy_extensions",
      "copy",
    ],
  ];
}
