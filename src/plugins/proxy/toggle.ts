import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { withAppLock } from "../../store/app-lock";
import { runAgainstAllApps } from "../ps/all-apps";
import { buildNginxConfig, removeAppConfig } from "../nginx/build-config";
import { isProxyEnabled, PROXY_PLUGIN } from "./properties";

/** Which apps a proxy command acts on: `--all` (with `--parallel`), or one app. */
export interface ProxyTargets {
  readonly app?: string;
  readonly all: boolean;
  readonly parallel: number;
}

async function forTargets(
  ctx: Context,
  targets: ProxyTargets,
  name: string,
  each: (app: string) => Promise<void>,
): Promise<void> {
  if (targets.all) return runAgainstAllApps(ctx, name, targets.parallel, each);
  await each(verifyApp(ctx, targets.app));
}

/** `proxy:enable`: routes the app through its proxy again (its config built from the running containers). */
export function enableProxy(ctx: Context, targets: ProxyTargets): Promise<void> {
  return forTargets(ctx, targets, "enable", async (app) => {
    if (isProxyEnabled(ctx, app)) return ctx.out.step("Proxy is already enabled for app");
    ctx.out.step("Enabling proxy for app");
    await withAppLock(ctx, app, () => ctx.store.delete(PROXY_PLUGIN, app, "disabled"));
    await buildNginxConfig(ctx, app);
  });
}

/** `proxy:disable`: the app stops being served by the proxy (its config removed). */
export function disableProxy(ctx: Context, targets: ProxyTargets): Promise<void> {
  return forTargets(ctx, targets, "disable", async (app) => {
    if (!isProxyEnabled(ctx, app)) return ctx.out.step("Proxy is already disable for app");
    ctx.out.step("Disabling proxy for app");
    await withAppLock(ctx, app, () => ctx.store.set(PROXY_PLUGIN, app, "disabled", "true"));
    await buildNginxConfig(ctx, app);
  });
}

/** `proxy:build-config`: the app's config again from its running web containers. */
export function buildProxyConfig(ctx: Context, targets: ProxyTargets): Promise<void> {
  return forTargets(ctx, targets, "build-config", (app) => buildNginxConfig(ctx, app));
}

/** `proxy:clear-config`: removes the app's config (the next deploy or build-config writes it again). */
export function clearProxyConfig(ctx: Context, targets: ProxyTargets): Promise<void> {
  return forTargets(ctx, targets, "clear-config", (app) => removeAppConfig(ctx, app));
}
