import type { Scope } from "../../../sdk/triggers/define";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { assertScopeBounds } from "./bounds";
import { readEnv, withScopeLock, writeEnv } from "./env-store";
import { prettyEnv } from "./export-formats";
import { assertEnvKeys, compareStrings, sortedKeys, type Env } from "./keys";

type Action = "set" | "unset" | "clear" | "import";

/**
 * Sets variables (all keys already validated): Dokku's SetMany. `replace` drops the others first.
 * A result past the config bounds (bounds.ts) is refused whole, before anything is written or
 * `announce`d.
 */
export async function setConfig(
  ctx: Context,
  scope: Scope,
  updates: Env,
  options: { restart: boolean; replace?: boolean; action?: Action; announce?: () => void },
): Promise<void> {
  assertEnvKeys(updates.keys());
  if (updates.size === 0) return;
  const changed = await withScopeLock(ctx, scope, () => {
    const current = readEnv(ctx, scope);
    const env = options.replace ? new Map<string, string>() : new Map(current);
    const removed = options.replace ? [...current.keys()].filter((key) => !updates.has(key)) : [];
    for (const [key, value] of updates) env.set(key, value);
    assertScopeBounds(ctx, scope, env);
    options.announce?.();
    ctx.out.step("Setting config vars");
    if (!ctx.out.quiet) ctx.out.print(prettyEnv(updates, "       "));
    writeEnv(ctx, scope, env);
    return [...updates.keys(), ...removed].sort(compareStrings);
  });
  await notify(ctx, scope, options.action ?? "set", changed, options.restart);
}

/** Unsets variables, saying which were not set: Dokku's UnsetMany. */
export async function unsetConfig(
  ctx: Context,
  scope: Scope,
  keys: readonly string[],
  restart: boolean,
): Promise<void> {
  if (keys.length === 0) fail("At least one key must be given", "usage");
  assertEnvKeys(keys);
  const removed = await withScopeLock(ctx, scope, () => {
    const env = readEnv(ctx, scope);
    const gone: string[] = [];
    for (const key of keys) {
      if (env.delete(key)) {
        ctx.out.step(`Unsetting ${key}`);
        gone.push(key);
      } else {
        ctx.out.step(`Skipping ${key}, it is not set in the environment`);
      }
    }
    if (gone.length > 0) writeEnv(ctx, scope, env);
    return gone;
  });
  if (removed.length > 0) await notify(ctx, scope, "unset", removed, restart);
}

/** Unsets every variable of the scope: Dokku's UnsetAll. */
export async function clearConfig(ctx: Context, scope: Scope, restart: boolean): Promise<void> {
  const removed = await withScopeLock(ctx, scope, () => {
    const keys = sortedKeys(readEnv(ctx, scope));
    for (const key of keys) ctx.out.step(`Unsetting ${key}`);
    if (keys.length > 0) writeEnv(ctx, scope, new Map());
    return keys;
  });
  if (removed.length > 0) await notify(ctx, scope, "clear", removed, restart);
}

/** Imported variables (parsed and validated by the caller): `Setting config var K=V` each, then set. */
export async function importConfig(
  ctx: Context,
  scope: Scope,
  entries: Env,
  options: { restart: boolean; replace: boolean },
): Promise<void> {
  if (entries.size === 0) fail("No config vars to set", "empty-import");
  assertEnvKeys(entries.keys());
  const announce = () => {
    for (const key of sortedKeys(entries)) ctx.out.step(`Setting config var ${key}=${entries.get(key)}`);
  };
  await setConfig(ctx, scope, entries, { ...options, action: "import", announce });
}

async function notify(
  ctx: Context,
  scope: Scope,
  action: Action,
  keys: readonly string[],
  restart: boolean,
): Promise<void> {
  await ctx.bus.fire("post-config-update", { scope, action, keys: [...keys], restart });
}
