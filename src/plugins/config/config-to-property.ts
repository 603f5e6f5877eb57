import type { Scope } from "../../../sdk/triggers/define";
import type { Context } from "../../core/context";
import { failpoint } from "../../core/failpoint";
import type { CorePropertyNamespace } from "../../core/state-names";
import { allApps } from "../apps/app-list";
import { readEnv, withScopeLock, writeEnv } from "./env-store";
import { storeScope } from "./scope";

/** A deprecated config variable that a plugin's property replaced (Dokku's MigrateConfigEntry). */
export interface ConfigToProperty {
  /** The app's variable. */
  readonly configVar: string;
  /** The global variable, when there is one. */
  readonly globalConfigVar?: string;
  readonly property: string;
  /** The property's value for the variable's; "" writes no property (the variable still goes). */
  readonly transform?: (value: string) => string;
}

type MoveCtx = Pick<Context, "store" | "paths" | "owner" | "out" | "env">;

/**
 * Dokku's migrate-config-to-property, run by `plugin:install --core`: for every app (and
 * --global), a deprecated variable still in the config becomes the plugin's property, said in one
 * line, and leaves the config (without a restart). A property set already wins: the variable is
 * then left alone, unless it holds what the move would have written (a move killed between its
 * two writes), which the next run completes. Under the scope's lock, the property first.
 */
export async function moveConfigToProperties(
  ctx: MoveCtx,
  plugin: CorePropertyNamespace,
  moves: readonly ConfigToProperty[],
): Promise<void> {
  for (const move of moves) {
    if (move.globalConfigVar !== undefined) await moveOne(ctx, plugin, { kind: "global" }, move.globalConfigVar, move);
    for (const app of allApps(ctx)) await moveOne(ctx, plugin, { kind: "app", app }, move.configVar, move);
  }
}

async function moveOne(
  ctx: MoveCtx,
  plugin: CorePropertyNamespace,
  scope: Scope,
  configVar: string,
  move: ConfigToProperty,
): Promise<void> {
  await withScopeLock(ctx, scope, () => {
    const env = readEnv(ctx, scope);
    const raw = env.get(configVar);
    if (raw === undefined || raw === "") return;
    const value = move.transform ? move.transform(raw) : raw;
    const target = storeScope(scope);
    const existing = ctx.store.get(plugin, target, move.property);
    if (existing !== undefined && existing !== value) return;
    if (existing === undefined) {
      ctx.out.step(
        scope.kind === "global"
          ? `Migrating deprecated global ${configVar} to ${plugin} ${move.property} property. Use 'dokku ${plugin}:set --global ${move.property} <value>' to manage this going forward.`
          : `Migrating deprecated ${configVar} to ${plugin} ${move.property} property for ${scope.app}. Use 'dokku ${plugin}:set ${scope.app} ${move.property} <value>' to manage this going forward.`,
      );
      if (value !== "") ctx.store.set(plugin, target, move.property, value);
      failpoint(ctx.env, "config-property:written");
    }
    env.delete(configVar);
    writeEnv(ctx, scope, env);
  });
}
