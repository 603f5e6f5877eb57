import type { Scope } from "../../../sdk/triggers/define";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { GLOBAL } from "../../store/property-store";
import { withAppLock } from "../../store/app-lock";
import { parseDotenv } from "./dotenv";
import { parseEnvFile, serializeEnvFile } from "./env-file";
import { assertEnvKeys, mergeEnv, type Env } from "./keys";
import { storeScope } from "./scope";

/**
 * Where a scope's variables live, as in Dokku: `$DOKKU_LIB_ROOT/config/<app>/ENV` and
 * `$DOKKU_LIB_ROOT/config/--global/ENV` (plugins/config/migrate-layout moves older layouts there).
 */
export const ENV_FILE = "ENV";

/**
 * A scope's variables. Our own format is read strictly; a file in Dokku's godotenv format
 * (`KEY="value"`, written by Dokku itself) is read too, and rewritten in ours on the next change.
 */
export function readEnv(ctx: Pick<Context, "store">, scope: Scope): Map<string, string> {
  const text = ctx.store.getScopeFile(storeScope(scope), ENV_FILE);
  if (text === undefined) return new Map();
  return parseStoredEnv(text, ctx.store.scopeFilePath(storeScope(scope), ENV_FILE));
}

/**
 * An ENV file's variables: our own format strictly, else Dokku's godotenv format (`KEY="value"`,
 * `export KEY=value` written by hand), rewritten in ours on the next change. `path` names the
 * file in the error when it is neither.
 */
export function parseStoredEnv(text: string, path: string): Map<string, string> {
  if (text.trim() === "") return new Map();
  return parseEnvFile(text) ?? parseDotenvFile(text, path);
}

function parseDotenvFile(text: string, path: string): Map<string, string> {
  try {
    const env = parseDotenv(text);
    assertEnvKeys(env.keys());
    return env;
  } catch (error) {
    return fail(`${path} is not a valid ENV file: ${(error as Error).message}`, "corrupt-config");
  }
}

/** The app's variables over the global ones; for the global scope, the global ones. */
export function readMergedEnv(ctx: Pick<Context, "store">, scope: Scope): Map<string, string> {
  const global = readEnv(ctx, { kind: "global" });
  return scope.kind === "global" ? global : mergeEnv(global, readEnv(ctx, scope));
}

/** The variables a scope shows: its own, or merged with the global ones. */
export function readScopeEnv(ctx: Pick<Context, "store">, scope: Scope, merged: boolean): Map<string, string> {
  return merged ? readMergedEnv(ctx, scope) : readEnv(ctx, scope);
}

/** Writes a scope's variables atomically, mode 0600. */
export function writeEnv(ctx: Pick<Context, "store">, scope: Scope, env: Env): void {
  ctx.store.setScopeFile(storeScope(scope), ENV_FILE, serializeEnvFile(env));
}

/** Runs a read-modify-write of one scope under its lock (the app's lock, or the global one). */
export function withScopeLock<T>(
  ctx: Pick<Context, "paths" | "owner">,
  scope: Scope,
  work: () => T | Promise<T>,
): Promise<T> {
  return withAppLock(ctx, scope.kind === "global" ? GLOBAL : scope.app, work);
}
