import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { defaultVhosts, isValidDomain, normalizeDomains } from "../../builders/domain-name";
import { addDomains, removeDomains, uniqueDomains } from "../../builders/domain-vhosts";
import { withAppLock } from "../../store/app-lock";
import { allApps } from "../apps/app-list";
import { rebuildProxyConfig } from "./rebuild-proxy";
import { appVhostPath, readVhostFile, removeVhostFile, writeVhostFile } from "./vhost-files";
import { globalDomains, isAppVhostEnabled } from "./vhosts";
import { disableAppVhosts, enableAppVhosts, enableWith, setNoVhost, setupDomains } from "./vhost-switch";

/** The app (verified) and its domains (validated, lowercased): nothing is written before both pass. */
function appAndDomains(
  ctx: Context,
  command: string,
  appArg: string | undefined,
  domains: readonly string[],
): [string, string[]] {
  const app = verifyApp(ctx, appArg);
  if (domains.length === 0)
    fail(`Please specify a domain name. Usage: dokku ${command} <app> <domain> [<domain> ...]`, "usage");
  return [app, normalizeDomains(domains)];
}

/** The app's domains as served now: its VHOST file, else (enabled, file-less) its default vhosts. */
function currentDomains(ctx: Context, app: string): string[] {
  return (
    readVhostFile(appVhostPath(ctx, app)) ?? (isAppVhostEnabled(ctx, app) ? defaultVhosts(app, globalDomains(ctx)) : [])
  );
}

/** `domains:add <app> <domain>...`: appends the new ones (`Skipping` the others); enables vhosts if disabled. */
export async function addAppDomains(ctx: Context, appArg: string | undefined, names: readonly string[]): Promise<void> {
  const [app, domains] = appAndDomains(ctx, "domains:add", appArg, names);
  const result = await withAppLock(ctx, app, () => {
    const next = addDomains(currentDomains(ctx, app), domains);
    for (const { domain, added } of next.outcomes) {
      ctx.out.step(added ? `Added ${domain} to ${app}` : `Skipping: ${domain} already added to ${app}`);
    }
    writeVhostFile(ctx, appVhostPath(ctx, app), next.domains);
    return next;
  });
  if (!isAppVhostEnabled(ctx, app)) await enableWith(ctx, app, result.domains);
  await rebuildProxyConfig(ctx, app);
}

/**
 * `domains:remove <app> <domain>...`: Dokku says `Removed` for each name. A name that is not a
 * valid domain is refused unless the app's file holds it (a line written by hand or by Dokku).
 */
export async function removeAppDomains(
  ctx: Context,
  appArg: string | undefined,
  names: readonly string[],
): Promise<void> {
  const app = verifyApp(ctx, appArg);
  if (names.length === 0)
    fail("Please specify a domain name. Usage: dokku domains:remove <app> <domain> [<domain> ...]", "usage");
  const current = currentDomains(ctx, app);
  const domains = names.map((name) => (current.includes(name) || !isValidDomain(name) ? name : name.toLowerCase()));
  normalizeDomains(domains.filter((domain) => !current.includes(domain)));
  await withAppLock(ctx, app, () => {
    const next = removeDomains(currentDomains(ctx, app), domains);
    for (const domain of domains) ctx.out.step(`Removed ${domain} from ${app}`);
    writeVhostFile(ctx, appVhostPath(ctx, app), next);
  });
  await rebuildProxyConfig(ctx, app);
}

/** `domains:set <app> <domain>...`: exactly these domains (repeats dropped); enables vhosts if disabled. */
export async function setAppDomains(ctx: Context, appArg: string | undefined, names: readonly string[]): Promise<void> {
  const [app, normalized] = appAndDomains(ctx, "domains:set", appArg, names);
  const domains = uniqueDomains(normalized);
  await withAppLock(ctx, app, () => {
    writeVhostFile(ctx, appVhostPath(ctx, app), domains);
    ctx.out.step(`Set ${domains.join(" ")} for ${app}`);
  });
  if (!isAppVhostEnabled(ctx, app)) await setNoVhost(ctx, app, false);
  await rebuildProxyConfig(ctx, app);
}

/** The apps a `--all`-able command acts on. */
function targets(ctx: Context, appArg: string | undefined, all: boolean): string[] {
  if (all || appArg === "--all") return allApps(ctx);
  return [verifyApp(ctx, appArg)];
}

/** `domains:clear <app>|--all`: no domains at all (an empty VHOST file: the defaults do not come back). */
export async function clearAppDomains(ctx: Context, appArg: string | undefined, all: boolean): Promise<void> {
  for (const app of targets(ctx, appArg, all)) {
    await withAppLock(ctx, app, () => writeVhostFile(ctx, appVhostPath(ctx, app), []));
    ctx.out.step(`Cleared domains in ${app}`);
    await rebuildProxyConfig(ctx, app);
  }
}

/** `domains:reset <app>`: back to the default vhosts of the global domains. */
export async function resetAppDomains(ctx: Context, appArg: string | undefined): Promise<void> {
  const app = verifyApp(ctx, appArg);
  await withAppLock(ctx, app, () => {
    removeVhostFile(appVhostPath(ctx, app));
    ctx.out.step(`Cleared domains in ${app}`);
    setupDomains(ctx, app);
  });
  ctx.out.step(`Reset domains for ${app}`);
  await rebuildProxyConfig(ctx, app);
}

/** `domains:enable <app>|--all`. */
export async function enableDomains(ctx: Context, appArg: string | undefined, all: boolean): Promise<void> {
  for (const app of targets(ctx, appArg, all)) {
    if (await enableAppVhosts(ctx, app)) await rebuildProxyConfig(ctx, app);
  }
}

/** `domains:disable <app>|--all`. */
export async function disableDomains(ctx: Context, appArg: string | undefined, all: boolean): Promise<void> {
  for (const app of targets(ctx, appArg, all)) {
    if (await disableAppVhosts(ctx, app)) await rebuildProxyConfig(ctx, app);
  }
}
