import { isIP } from "node:net";
import { fail } from "../core/errors";

/** The longest name DNS carries (RFC 1035), and the longest label. */
export const MAX_DOMAIN_LENGTH = 253;
export const MAX_LABEL_LENGTH = 63;

const LABEL = /^[a-z0-9-]+$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Whether the (lowercased) name is a dotted-quad IPv4 address with octets 0..255. Pure. */
export function isIpv4Address(name: string): boolean {
  return (
    IPV4.test(name) &&
    name.split(".").every((octet) => Number(octet) <= 255 && (octet === "0" || !octet.startsWith("0")))
  );
}

/**
 * Why `name` is not a domain Dokku's proxy may serve, or undefined when it is. Dokku's rule
 * (`^[a-z0-9.*-]*[a-z0-9*-]$` after lowercasing, or nginx's catch-all `_`) tightened to what
 * DNS and nginx accept: labels of letters, digits and hyphens, 1..63 long, no hyphen at either
 * end, 253 characters in all; `*` only as the whole leading label of a wildcard (`*.example.com`);
 * a leading dot only before a plain domain (nginx's `.example.com`, as Dokku accepts it);
 * a dotted quad must be an IPv4 address. Pure.
 */
export function domainNameProblem(input: string): string | undefined {
  const name = input.toLowerCase();
  if (name === "") return "empty domain";
  if (name === "_") return undefined;
  if (name.length > MAX_DOMAIN_LENGTH) return `longer than ${MAX_DOMAIN_LENGTH} characters`;
  if (name.startsWith(".")) return suffixProblem(name.slice(1));
  return hostProblem(name);
}

/** Four dot-separated runs of digits: an IPv4 address or a bad one, never a name. */
function isDottedQuad(name: string): boolean {
  return /^[\d.]+$/.test(name) && name.split(".").length === 4;
}

/**
 * nginx's `.example.com` (example.com and every name under it), which Dokku's rule lets through:
 * the rest must be a plain domain, neither a wildcard nor an address.
 */
function suffixProblem(rest: string): string | undefined {
  if (rest === "" || rest.startsWith(".")) return "empty label";
  if (rest === "_" || rest.startsWith("*")) return "a leading dot needs a plain domain after it";
  if (isDottedQuad(rest)) return "a leading dot needs a plain domain after it";
  return hostProblem(rest);
}

function hostProblem(name: string): string | undefined {
  if (isDottedQuad(name)) return isIpv4Address(name) ? undefined : "not a valid IPv4 address";
  const labels = name.split(".");
  for (const [index, label] of labels.entries()) {
    if (label === "") return "empty label";
    if (label === "*") {
      if (index !== 0) return "a wildcard is only allowed as the first label";
      if (labels.length < 2) return "a wildcard needs a domain after it";
      continue;
    }
    if (!LABEL.test(label)) return `label '${label}' has characters other than letters, digits and hyphens`;
    if (label.length > MAX_LABEL_LENGTH) return `label '${label}' is longer than ${MAX_LABEL_LENGTH} characters`;
    if (label.startsWith("-") || label.endsWith("-")) return `label '${label}' starts or ends with a hyphen`;
  }
  return undefined;
}

export function isValidDomain(name: string): boolean {
  return domainNameProblem(name) === undefined;
}

/** The domain lowercased, or Dokku's refusal `<domain> is invalid. exiting...`. Pure. */
export function normalizeDomain(name: string): string {
  if (domainNameProblem(name) !== undefined) fail(`${name} is invalid. exiting...`, "invalid-domain");
  return name.toLowerCase();
}

/** Every domain normalized, refusing the whole list at the first bad one (nothing is written then). Pure. */
export function normalizeDomains(names: readonly string[]): string[] {
  return names.map(normalizeDomain);
}

/**
 * An app's default vhosts for the global domains, as Dokku's get_default_vhosts: `<app>.<domain>`
 * for each global domain that is not an IP address; an app named like a FQDN (`a.b`) is its own
 * vhost. Results that would not be valid domains are left out. Pure.
 */
export function defaultVhosts(app: string, globalDomains: readonly string[]): string[] {
  const vhosts: string[] = [];
  for (const domain of globalDomains) {
    if (isIpv4Address(domain) || domain === "_") continue;
    const vhost = app.includes(".") ? app : `${app}.${domain}`;
    if (isValidDomain(vhost) && !vhosts.includes(vhost)) vhosts.push(vhost);
  }
  return vhosts;
}

/** 4 or 6 for the first of the names that is an IP address (a VHOST line may hold one), else undefined. Pure. */
export function addressFamilyAmong(names: readonly string[]): 4 | 6 | undefined {
  for (const name of names) {
    const family = isIP(name);
    if (family === 4 || family === 6) return family;
  }
  return undefined;
}
