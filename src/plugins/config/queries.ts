import type { Scope } from "../../../sdk/triggers/define";
import type { Context } from "../../core/context";
import { DokkuError, fail } from "../../core/errors";
import { readEnv, readScopeEnv } from "./env-store";
import { singleQuote } from "./env-file";
import { exportEnv, prettyEnv } from "./export-formats";
import { isValidEnvKey } from "./keys";
import { scopeLabel } from "./scope";

/** One value: Dokku's config:get. An unset (or invalid) key exits 1 with no message. */
export function getConfigValue(ctx: Pick<Context, "store">, scope: Scope, keys: readonly string[]): string {
  const [key, ...extra] = keys;
  if (key === undefined) fail("Expected: key", "usage");
  if (extra.length > 0) fail(`Unexpected argument(s): [${extra.join(" ")}]`, "usage");
  const value = isValidEnvKey(key) ? readEnv(ctx, scope).get(key) : undefined;
  if (value === undefined) throw new DokkuError("", { code: "config-unset", exitCode: 1 });
  return value;
}

/** `config:get --quoted` prints the value in single quotes, `'` as `'\''`. Pure. */
export function formatValue(value: string, quoted: boolean): string {
  return quoted ? singleQuote(value) : value;
}

export interface ShowOptions {
  readonly merged: boolean;
  /** Deprecated `dokku config --shell` / `--export`. */
  readonly shell?: boolean;
  readonly export?: boolean;
}

/** Dokku's config:show: `=====> <app> env vars` and the aligned `KEY:  value` lines. */
export function showConfig(ctx: Context, scope: Scope, options: ShowOptions): void {
  if (options.shell && options.export) fail("Only one of --shell and --export can be given", "usage");
  const env = readScopeEnv(ctx, scope, options.merged);
  if (options.shell) {
    ctx.out.warn("Deprecated: Use 'config:export --format shell' instead");
    ctx.out.raw(exportEnv(env, "shell"));
  } else if (options.export) {
    ctx.out.warn("Deprecated: Use 'config:export --format exports' instead");
    ctx.out.print(exportEnv(env, "exports"));
  } else {
    ctx.out.heading(`${scopeLabel(scope)} env vars`);
    ctx.out.print(prettyEnv(env));
  }
}
