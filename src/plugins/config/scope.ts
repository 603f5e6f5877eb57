import type { Scope } from "../../../sdk/triggers/define";
import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { GLOBAL } from "../../store/property-store";

/**
 * Splits a config command's positionals as Dokku does: with `--global` they are all operands;
 * otherwise the first is the app and the rest are operands. Pure.
 */
export function splitTarget(
  global: boolean,
  positionals: readonly string[],
): { app: string | undefined; operands: string[] } {
  if (global) return { app: undefined, operands: [...positionals] };
  const [app, ...operands] = positionals;
  return { app, operands };
}

/** The scope named on the command line; an app must exist (`App X does not exist`, exit 20). */
export function resolveScope(ctx: Pick<Context, "paths">, global: boolean, app: string | undefined): Scope {
  if (global) return { kind: "global" };
  return { kind: "app", app: verifyApp(ctx, app) };
}

/** The property store's scope for a config scope: the app's name, or `--global`. Pure. */
export function storeScope(scope: Scope): string {
  return scope.kind === "global" ? GLOBAL : scope.app;
}

/** How Dokku names the scope in headings: the app, or `global`. Pure. */
export function scopeLabel(scope: Scope): string {
  return scope.kind === "global" ? "global" : scope.app;
}
