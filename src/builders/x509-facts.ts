import type { X509Certificate } from "node:crypto";

/** What `certs:report` shows about a certificate, in Dokku's renderings. */
export interface CertificateFacts {
  /** `C=GB; O=Acme; CN=example.com` (Dokku: openssl `-nameopt compat`, `/` turned into `; `). */
  readonly subject: string;
  /** `C=GB, O=Acme, CN=Acme CA` (openssl's `Issuer:` line). */
  readonly issuer: string;
  /** The subject CN plus every DNS subject alternative name, sorted, without duplicates. */
  readonly hostnames: readonly string[];
  /** notBefore as openssl prints it: `Oct  5 00:00:00 2016 GMT`. */
  readonly startsAt: string;
  /** notAfter as openssl prints it. */
  readonly expiresAt: string;
  /** Issued by itself: subject equals issuer and its own key verifies its signature. */
  readonly selfSigned: boolean;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The facts of a parsed certificate. Pure. */
export function certificateFacts(cert: X509Certificate): CertificateFacts {
  return {
    subject: joinDistinguishedName(cert.subject, "; "),
    issuer: joinDistinguishedName(cert.issuer, ", "),
    hostnames: certificateHostnames(cert.subject, cert.subjectAltName),
    startsAt: opensslTime(cert.validFromDate),
    expiresAt: opensslTime(cert.validToDate),
    selfSigned: cert.checkIssued(cert) && cert.verify(cert.publicKey),
  };
}

/** A date as OpenSSL's ASN1_TIME_print: `Oct  5 23:59:59 2019 GMT` (day padded to two). Pure. */
export function opensslTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  const day = String(date.getUTCDate()).padStart(2, " ");
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${MONTHS[date.getUTCMonth()]} ${day} ${time} ${date.getUTCFullYear()} GMT`;
}

/**
 * A distinguished name as node:crypto gives it (one `key=value` per line, specials escaped as
 * `\,`) joined by `separator`, values unescaped as openssl's compat rendering shows them. Pure.
 */
export function joinDistinguishedName(name: string, separator: string): string {
  return name
    .split("\n")
    .filter((part) => part !== "")
    .map((part) => part.replace(/\\([,+"\\<>;=# ])/g, "$1"))
    .join(separator);
}

/**
 * The hostnames a certificate covers, as Dokku's certs report: the subject CN and every `DNS:`
 * subject alternative name (node:crypto's `DNS:a, DNS:b, IP Address:...`), sorted and unique. Pure.
 */
export function certificateHostnames(subject: string, subjectAltName: string | undefined): string[] {
  const names = new Set<string>();
  for (const part of subject.split("\n")) {
    if (part.startsWith("CN=") && part.length > 3) names.add(part.slice(3));
  }
  for (const entry of (subjectAltName ?? "").split(",")) {
    const trimmed = entry.trim();
    if (trimmed.startsWith("DNS:") && trimmed.length > 4) names.add(unquote(trimmed.slice(4)));
  }
  return [...names].sort();
}

/** Node quotes a SAN value that holds a comma or quote: `DNS:"a,b"`. */
function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') ? JSON.parse(value) : value;
}
