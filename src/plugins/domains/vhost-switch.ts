import type { Context } from "../../core/context";
import type { Output } from "../../core/output";
import { defaultVhosts } from "../../builders/domain-name";
import { withAppLock } from "../../store/app-lock";
import { setConfig } from "../config/mutations";
import { appVhostPath, readVhostFile, removeVhostFile, writeVhostFile } from "./vhost-files";
import { globalDomains, isAppVhostEnabled, NO_VHOST } from "./vhosts";

/** Output that keeps data and warnings but drops progress lines (Dokku's DOKKU_QUIET_OUTPUT=1). */
export function quietOutput(out: Output): Output {
  const none = () => {};
  return {
    quiet: true,
    get tracing() {
      return out.tracing;
    },
    setTracing: (on) => out.setTracing(on),
    step: none,
    heading: none,
    detail: none,
    print: (message) => out.print(message),
    raw: (text) => out.raw(text),
    warn: (message) => out.warn(message),
    error: (message) => out.error(message),
    trace: (message) => out.trace(message),
  };
}

/** Sets `NO_VHOST` (1: disabled, 0: enabled) in the app's config without a restart, quietly, as Dokku does. */
export async function setNoVhost(ctx: Context, app: string, disabled: boolean): Promise<void> {
  await setConfig(
    { ...ctx, out: quietOutput(ctx.out) },
    { kind: "app", app },
    new Map([[NO_VHOST, disabled ? "1" : "0"]]),
    { restart: false },
  );
}

/**
 * Dokku's domains_setup (post-create, reset, clone): an app without a VHOST file gets one with
 * its default vhosts when a global domain is set. Unlike Dokku, an app made while no global
 * domain is set stays enabled and file-less: its default vhost then follows the global domain.
 */
export async function setupDomains(ctx: Context, app: string): Promise<void> {
  if (!isAppVhostEnabled(ctx, app)) {
    ctx.out.step("App virtual host support disabled, skipping domain setup");
    return;
  }
  const path = appVhostPath(ctx, app);
  const defaults = defaultVhosts(app, globalDomains(ctx));
  if (readVhostFile(path) !== undefined || defaults.length === 0) return;
  ctx.out.step("Creating new app virtual host file...");
  writeVhostFile(ctx, path, defaults);
}

/**
 * `domains:enable` for one app: NO_VHOST=0 and its VHOST file becomes its default vhosts (kept
 * as it is when no global domain is set). Returns whether anything changed.
 */
export async function enableAppVhosts(ctx: Context, app: string): Promise<boolean> {
  if (isAppVhostEnabled(ctx, app)) {
    ctx.out.step(`Domains (VHOST) support is already enabled for app (${app})`);
    return false;
  }
  await enableWith(ctx, app, []);
  return true;
}

/**
 * Enabling by `domains:add`: the default vhosts and the app's domains, the ones just added
 * included (Dokku's enable would overwrite those with the defaults).
 */
export async function enableWith(ctx: Context, app: string, keep: readonly string[]): Promise<void> {
  const defaults = defaultVhosts(app, globalDomains(ctx));
  await withAppLock(ctx, app, () => {
    const path = appVhostPath(ctx, app);
    const base = defaults.length > 0 ? defaults : (readVhostFile(path) ?? []);
    writeVhostFile(ctx, path, [...new Set([...base, ...keep])]);
  });
  await setNoVhost(ctx, app, false);
}

/** `domains:disable` for one app: its VHOST file goes (custom domains too, as in Dokku), NO_VHOST=1. */
export async function disableAppVhosts(ctx: Context, app: string): Promise<boolean> {
  if (!isAppVhostEnabled(ctx, app)) {
    ctx.out.step(`Domains (VHOST) support is already disabled for app (${app})`);
    return false;
  }
  const path = appVhostPath(ctx, app);
  await withAppLock(ctx, app, () => {
    if (readVhostFile(path) === undefined) return;
    ctx.out.step("App virtual host support disabled");
    removeVhostFile(path);
  });
  await setNoVhost(ctx, app, true);
  return true;
}
