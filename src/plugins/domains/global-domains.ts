import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { isValidDomain, normalizeDomains } from "../../builders/domain-name";
import { addDomains, removeDomains, uniqueDomains } from "../../builders/domain-vhosts";
import { withAppLock } from "../../store/app-lock";
import { GLOBAL } from "../../store/property-store";
import { globalVhostPath, readVhostFile, writeVhostFile } from "./vhost-files";

/**
 * The global domains live in Dokku's `$DOKKU_ROOT/VHOST`, one per line. Changing them does not
 * touch apps that already have a VHOST file (as in Dokku); `domains:reset <app>` applies them.
 */
function requireDomains(command: string, names: readonly string[]): void {
  if (names.length === 0)
    fail(`Please specify a domain name. Usage: dokku ${command} <domain> [<domain> ...]`, "usage");
}

function withGlobalLock<T>(ctx: Context, work: () => T): Promise<T> {
  return withAppLock(ctx, GLOBAL, work);
}

/** `domains:add-global <domain>...` */
export async function addGlobalDomains(ctx: Context, names: readonly string[]): Promise<void> {
  requireDomains("domains:add-global", names);
  const domains = normalizeDomains(names);
  await withGlobalLock(ctx, () => {
    const path = globalVhostPath(ctx);
    const next = addDomains(readVhostFile(path) ?? [], domains);
    for (const { domain, added } of next.outcomes)
      ctx.out.step(added ? `Added ${domain}` : `Skipping ${domain}: already added`);
    writeVhostFile(ctx, path, next.domains);
  });
}

/** `domains:remove-global <domain>...`: a name that is no valid domain is refused unless the file holds it. */
export async function removeGlobalDomains(ctx: Context, names: readonly string[]): Promise<void> {
  requireDomains("domains:remove-global", names);
  const path = globalVhostPath(ctx);
  const current = readVhostFile(path) ?? [];
  const domains = names.map((name) => (current.includes(name) || !isValidDomain(name) ? name : name.toLowerCase()));
  normalizeDomains(domains.filter((domain) => !current.includes(domain)));
  await withGlobalLock(ctx, () => {
    const next = removeDomains(readVhostFile(path) ?? [], domains);
    for (const domain of domains) ctx.out.step(`Removed ${domain}`);
    writeVhostFile(ctx, path, next);
  });
}

/** `domains:set-global <domain>...` */
export async function setGlobalDomains(ctx: Context, names: readonly string[]): Promise<void> {
  requireDomains("domains:set-global", names);
  const domains = uniqueDomains(normalizeDomains(names));
  await withGlobalLock(ctx, () => writeVhostFile(ctx, globalVhostPath(ctx), domains));
  ctx.out.step(`Set ${domains.join(" ")}`);
}

/** `domains:clear-global`: an empty VHOST file. */
export async function clearGlobalDomains(ctx: Context): Promise<void> {
  ctx.out.step("Clearing global domains");
  await withGlobalLock(ctx, () => writeVhostFile(ctx, globalVhostPath(ctx), []));
}
