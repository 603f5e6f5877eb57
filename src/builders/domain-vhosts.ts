import { defaultVhosts } from "./domain-name";

/**
 * The VHOST files Dokku keeps (`$DOKKU_ROOT/VHOST` for the global domains,
 * `$DOKKU_ROOT/<app>/VHOST` for an app's): one domain per line. Pure list operations on them.
 */

/** The domains of a VHOST file: trimmed lines, blanks dropped, order kept. Pure. */
export function parseVhostLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** One domain per line, each ending in a newline; empty text for no domains. Pure. */
export function formatVhostLines(domains: readonly string[]): string {
  return domains.map((domain) => `${domain}\n`).join("");
}

/** The list without repeats, first occurrence kept. Pure. */
export function uniqueDomains(domains: readonly string[]): string[] {
  return [...new Set(domains)];
}

export interface DomainsAdded {
  readonly domains: string[];
  /** For each domain given, in order: added, or skipped as already there (or given twice). */
  readonly outcomes: { readonly domain: string; readonly added: boolean }[];
}

/** Appends the domains not yet present, in order, as Dokku's domains_add. Pure. */
export function addDomains(current: readonly string[], additions: readonly string[]): DomainsAdded {
  const domains = [...current];
  const outcomes: { domain: string; added: boolean }[] = [];
  for (const domain of additions) {
    const added = !domains.includes(domain);
    if (added) domains.push(domain);
    outcomes.push({ domain, added });
  }
  return { domains, outcomes };
}

/** The list without the given domains. Pure. */
export function removeDomains(current: readonly string[], removals: readonly string[]): string[] {
  return current.filter((domain) => !removals.includes(domain));
}

/**
 * After a rename: each default vhost of the old name (`old.<domain>`) becomes the new name's
 * (`new.<domain>`) in the same place; custom domains stay; repeats are dropped. Pure.
 */
export function renameDefaultVhosts(
  current: readonly string[],
  oldApp: string,
  newApp: string,
  globalDomains: readonly string[],
): string[] {
  const replacements = new Map<string, string>();
  for (const domain of globalDomains) {
    const [from] = defaultVhosts(oldApp, [domain]);
    const [to] = defaultVhosts(newApp, [domain]);
    if (from !== undefined && to !== undefined) replacements.set(from, to);
  }
  return uniqueDomains(current.map((domain) => replacements.get(domain) ?? domain));
}
