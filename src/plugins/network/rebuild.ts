import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { NO_APPS_MESSAGE, visibleApps } from "../apps/app-list";
import { repointApp, reportRepoint } from "../proxy/repoint";
import { currentRelease } from "../release/releases";

/**
 * `network:rebuild <app>`, Dokku's network BuildConfig: the addresses the proxy routes to are
 * read again from the app's running web containers, and its config is rewritten when they
 * moved (the re-point `ps:restore` and `proxy:watch` do). Nothing for an app never deployed.
 */
export async function rebuildAppNetwork(ctx: Context, appArg: string | undefined): Promise<void> {
  await rebuildNetworkOf(ctx, verifyApp(ctx, appArg));
}

/** `network:rebuildall`: `network:rebuild` for every app, one after the other. */
export async function rebuildAllNetworks(ctx: Context): Promise<void> {
  const apps = await visibleApps(ctx);
  if (apps.length === 0) return ctx.out.warn(NO_APPS_MESSAGE);
  for (const app of apps) await rebuildNetworkOf(ctx, app);
}

async function rebuildNetworkOf(ctx: Context, app: string): Promise<void> {
  if (!currentRelease(ctx, app)) return;
  ctx.out.step(`Ensuring network configuration is in sync for ${app}`);
  reportRepoint(ctx, app, await repointApp(ctx, app));
}
