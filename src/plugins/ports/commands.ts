import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import {
  assertNoReuse,
  formatPortMap,
  parsePortMap,
  parsePortMapRemoval,
  portMapTable,
  sortPortMaps,
  withoutPortMaps,
  type PortMap,
} from "../../builders/port-map";
import { withAppLock } from "../../store/app-lock";
import { rebuildProxyConfig } from "../domains/rebuild-proxy";
import { configuredPortMaps, MAP, MAP_DETECTED, PORTS_PLUGIN } from "./port-maps";

/** Writes the configured maps sorted, as Dokku's setPortMaps; none deletes the property. */
export function writePortMaps(ctx: Pick<Context, "store">, app: string, maps: readonly PortMap[]): void {
  assertNoReuse(maps);
  if (maps.length === 0) ctx.store.delete(PORTS_PLUGIN, app, MAP);
  else ctx.store.setList(PORTS_PLUGIN, app, MAP, sortPortMaps(maps).map(formatPortMap));
}

function appAndWords(ctx: Context, appArg: string | undefined, words: readonly string[]): string {
  const app = verifyApp(ctx, appArg);
  if (words.length === 0) fail("No port mapping specified", "usage");
  return app;
}

/** `ports:list <app>`: the configured maps in a table, or Dokku's error when there are none. */
export function listPortMaps(ctx: Context, appArg: string | undefined): void {
  const app = verifyApp(ctx, appArg);
  const maps = configuredPortMaps(ctx, app);
  if (maps.length === 0) fail("No port mappings configured for app", "no-port-maps");
  ctx.out.step(`Port mappings for ${app}`);
  for (const line of portMapTable(maps, !ctx.out.quiet)) ctx.out.print(line);
}

/** `ports:add <app> <scheme>:<host>:<container>...`: refused when a `scheme:host-port` would be used twice. */
export async function addPortMaps(ctx: Context, appArg: string | undefined, words: readonly string[]): Promise<void> {
  const app = appAndWords(ctx, appArg, words);
  const additions = words.map(parsePortMap);
  assertNoReuse(additions, "new");
  await withAppLock(ctx, app, () => {
    const all = [...configuredPortMaps(ctx, app), ...additions];
    assertNoReuse(all, "all");
    writePortMaps(ctx, app, all);
  });
  await rebuildProxyConfig(ctx, app);
}

/** `ports:set <app> <scheme>:<host>:<container>...`: exactly these maps. */
export async function setPortMaps(ctx: Context, appArg: string | undefined, words: readonly string[]): Promise<void> {
  const app = appAndWords(ctx, appArg, words);
  const maps = words.map(parsePortMap);
  assertNoReuse(maps);
  await withAppLock(ctx, app, () => writePortMaps(ctx, app, maps));
  await rebuildProxyConfig(ctx, app);
}

/** `ports:remove <app> <map|host-port>...`: a bare host port removes every map on it. */
export async function removePortMaps(
  ctx: Context,
  appArg: string | undefined,
  words: readonly string[],
): Promise<void> {
  const app = appAndWords(ctx, appArg, words);
  const removals = words.map(parsePortMapRemoval);
  await withAppLock(ctx, app, () => writePortMaps(ctx, app, withoutPortMaps(configuredPortMaps(ctx, app), removals)));
  await rebuildProxyConfig(ctx, app);
}

/** `ports:clear <app>`: the configured and the detected maps go; the next deploy detects again. */
export async function clearPortMaps(ctx: Context, appArg: string | undefined): Promise<void> {
  const app = verifyApp(ctx, appArg);
  await withAppLock(ctx, app, () => {
    ctx.store.delete(PORTS_PLUGIN, app, MAP);
    ctx.store.delete(PORTS_PLUGIN, app, MAP_DETECTED);
  });
  await rebuildProxyConfig(ctx, app);
}
