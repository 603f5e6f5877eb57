import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import type { Scope } from "../../../sdk/triggers/define";
import type { Context } from "../../core/context";
import { failpoint } from "../../core/failpoint";
import { reservedAppNameProblem } from "../../core/state-names";
import { GLOBAL } from "../../store/property-store";
import { allApps } from "../apps/app-list";
import { ENV_FILE, parseStoredEnv, readEnv, withScopeLock, writeEnv } from "./env-store";
import { compareStrings, mergeEnv, type Env } from "./keys";

/** The namespace of our earlier layout (`config/config/<scope>/ENV`) and of Dokku's `env-migrated` record. */
const CONFIG_NAMESPACE = "config";
const ENV_MIGRATED = "env-migrated";

type MigrateCtx = Pick<Context, "store" | "paths" | "owner" | "out" | "env">;

function scopeOf(name: string): Scope {
  return name === GLOBAL ? { kind: "global" } : { kind: "app", app: name };
}

/**
 * Moves every ENV file of our earlier layout, `config/config/<scope>/ENV`, to Dokku's
 * `config/<scope>/ENV`; run before each command. Under the scope's lock (the one config writers
 * take), the old file's variables overlaid by those already at the new path (a copy a killed run
 * wrote, or a file written by hand) are written there atomically, then the old file is removed.
 * A kill at any line leaves the old file to merge again (same result) or the new one alone; a
 * variable the two files disagree on keeps the new path's value, and the old file is then kept as
 * `ENV.migrated` with a warning, so no value is ever lost.
 */
export async function migrateEnvLayout(ctx: MigrateCtx): Promise<void> {
  for (const name of ctx.store.scopes(CONFIG_NAMESPACE)) {
    if (!existsSync(ctx.store.path(CONFIG_NAMESPACE, name, ENV_FILE))) continue;
    if (name !== GLOBAL && reservedAppNameProblem(name, []) !== undefined) {
      ctx.out.warn(`App ${name} has a reserved name: its config stays in config/config/${name} until apps:rename`);
      continue;
    }
    await withScopeLock(ctx, scopeOf(name), () => {
      const oldFile = ctx.store.path(CONFIG_NAMESPACE, name, ENV_FILE);
      const old = readOptionalEnv(oldFile);
      if (old === undefined) return;
      const merged = mergeEnv(old, readEnv(ctx, scopeOf(name)));
      writeEnv(ctx, scopeOf(name), merged);
      failpoint(ctx.env, "config-layout:written");
      retireOldFile(ctx, oldFile, old, merged);
    });
  }
}

/**
 * Dokku's config-migrate-env: drains the pre-0.38 files `$DOKKU_ROOT/ENV` and `$DOKKU_ROOT/<app>/ENV`
 * into the config once, their values over the current ones, and records it (`config/config/<scope>/
 * env-migrated`, as Dokku does). A file found again after that is not imported: removed when it
 * agrees with the config, else kept as `ENV.migrated` and the disagreeing keys named.
 * Crash-safe in that order: config written, then the record, then the file removed.
 */
export async function drainLegacyEnvFiles(ctx: MigrateCtx): Promise<void> {
  await drainLegacyEnvFile(ctx, GLOBAL, `${ctx.paths.dokkuRoot}/ENV`);
  for (const app of allApps(ctx)) await drainLegacyEnvFile(ctx, app, `${ctx.paths.dokkuRoot}/${app}/ENV`);
}

async function drainLegacyEnvFile(ctx: MigrateCtx, name: string, oldFile: string): Promise<void> {
  if (!existsSync(oldFile) && ctx.store.get(CONFIG_NAMESPACE, name, ENV_MIGRATED) === "true") return;
  await withScopeLock(ctx, scopeOf(name), () => {
    const migrated = ctx.store.get(CONFIG_NAMESPACE, name, ENV_MIGRATED) === "true";
    const old = readOptionalEnv(oldFile);
    if (old === undefined) {
      if (!migrated) ctx.store.set(CONFIG_NAMESPACE, name, ENV_MIGRATED, "true");
      return;
    }
    const current = readEnv(ctx, scopeOf(name));
    if (migrated) {
      retireOldFile(ctx, oldFile, old, current);
      return;
    }
    writeEnv(ctx, scopeOf(name), mergeEnv(current, old));
    failpoint(ctx.env, "config-legacy:written");
    ctx.store.set(CONFIG_NAMESPACE, name, ENV_MIGRATED, "true");
    failpoint(ctx.env, "config-legacy:recorded");
    rmSync(oldFile, { force: true });
  });
}

/** Removes an old ENV file that agrees with `current`; else keeps it as `<file>.migrated`, saying why. */
function retireOldFile(ctx: Pick<Context, "out">, oldFile: string, old: Env, current: Env): void {
  const diverged = divergedKeys(old, current);
  if (diverged.length === 0) {
    rmSync(oldFile, { force: true });
    return;
  }
  const preserved = `${oldFile}.migrated`;
  ctx.out.warn(
    `Not importing already-migrated ENV file ${oldFile}: the current config takes precedence for ${diverged.join(" ")}`,
  );
  ctx.out.warn(
    `Preserved at ${preserved}: re-apply anything still needed with dokku config:set, then delete it - dokku does not read it and it may hold values that were unset on purpose`,
  );
  renameSync(oldFile, preserved);
}

/** Keys `old` holds that `current` lacks or holds another value for, sorted. Pure. */
export function divergedKeys(old: Env, current: Env): string[] {
  return [...old.keys()].filter((key) => current.get(key) !== old.get(key)).sort(compareStrings);
}

function readOptionalEnv(path: string): Map<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return parseStoredEnv(text, path);
}
