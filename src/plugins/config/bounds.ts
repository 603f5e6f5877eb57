import type { Scope } from "../../../sdk/triggers/define";
import type { Context } from "../../core/context";
import { assertConfigBounds } from "../../core/env-bounds";
import { allApps } from "../apps/app-list";
import { readEnv } from "./env-store";
import { mergeEnv, type Env } from "./keys";

/**
 * Refuses `next` as the scope's variables when an app's config would break CONFIG_BOUNDS
 * (core/env-bounds.ts): for an app, its own vars over the global ones; for the global scope,
 * the global vars alone and then every app's merged config. Call it before writing anything.
 */
export function assertScopeBounds(ctx: Pick<Context, "paths" | "store">, scope: Scope, next: Env): void {
  if (scope.kind === "app") {
    assertConfigBounds(mergeEnv(readEnv(ctx, { kind: "global" }), next), appWhole(scope.app));
    return;
  }
  assertConfigBounds(next, "The global config");
  for (const app of allApps(ctx)) assertConfigBounds(mergeEnv(next, readEnv(ctx, { kind: "app", app })), appWhole(app));
}

/** Refuses the app's config as it is stored when it breaks the bounds (apps:clone copies it whole). */
export function assertStoredAppBounds(ctx: Pick<Context, "paths" | "store">, app: string): void {
  assertScopeBounds(ctx, { kind: "app", app }, readEnv(ctx, { kind: "app", app }));
}

function appWhole(app: string): string {
  return `Config of ${app} (its own and the global vars)`;
}
