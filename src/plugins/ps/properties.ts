import type { Context } from "../../core/context";
import { DEFAULT_RESTART_POLICY } from "../../builders/container-spec";

export const PS_PLUGIN = "ps";

/** `ps:set` properties and their defaults (Dokku's ps DefaultProperties). */
export const PS_DEFAULTS: Readonly<Record<string, string>> = {
  "dockerfile-start-cmd": "",
  "procfile-path": "",
  "restart-policy": DEFAULT_RESTART_POLICY,
  restore: "true",
  "skip-deploy": "",
  "start-cmd": "",
  "stop-timeout-seconds": "30",
};

/** Properties `ps:set --global` accepts. */
export const PS_GLOBAL_PROPERTIES: readonly string[] = [
  "procfile-path",
  "restart-policy",
  "skip-deploy",
  "stop-timeout-seconds",
];

type Store = Pick<Context, "store">;

/** The app's value, else the global one, else Dokku's default. */
export function computedPsProperty(ctx: Store, app: string, property: string): string {
  return ctx.store.getComputed(PS_PLUGIN, app, property, PS_DEFAULTS[property] ?? "");
}

export function restartPolicy(ctx: Store, app: string): string {
  return computedPsProperty(ctx, app, "restart-policy");
}

export function stopTimeoutSeconds(ctx: Store, app: string): number {
  const value = Number(computedPsProperty(ctx, app, "stop-timeout-seconds"));
  return Number.isInteger(value) && value >= 0 ? value : 30;
}

/** false once `ps:stop` stopped the app: ps:restore and config changes leave it stopped. */
export function shouldRestore(ctx: Store, app: string): boolean {
  return (ctx.store.get(PS_PLUGIN, app, "restore") ?? "true") !== "false";
}

export function setRestore(ctx: Store, app: string, restore: boolean): void {
  ctx.store.set(PS_PLUGIN, app, "restore", String(restore));
}

export function dockerfileStartCmd(ctx: Store, app: string): string {
  return ctx.store.get(PS_PLUGIN, app, "dockerfile-start-cmd") ?? "";
}
