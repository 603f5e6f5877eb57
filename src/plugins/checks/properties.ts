import type { Context } from "../../core/context";
import type { CheckSettings } from "../../builders/healthcheck-plan";
import { GLOBAL } from "../../store/property-store";

export const CHECKS_PLUGIN = "checks";

/** The value of `disabled` / `skipped` meaning every process type. */
export const ALL_TYPES = "_all_";

/** Dokku's defaults of the checks properties. */
export const CHECKS_DEFAULTS = { "wait-to-retire": 60, "default-wait": 10 } as const;

type Store = Pick<Context, "store">;

/** The `disabled` or `skipped` list of an app, as stored (comma separated, or `_all_`). */
export function checksList(ctx: Store, app: string, key: "disabled" | "skipped"): string[] {
  const raw = ctx.store.get(CHECKS_PLUGIN, app, key) ?? "";
  return raw
    .split(",")
    .map((word) => word.trim())
    .filter((word) => word !== "");
}

/** Whether zero-downtime is disabled for the process type: old containers stop before new ones start, no checks. */
export function checksDisabled(ctx: Store, app: string, processType: string): boolean {
  const list = checksList(ctx, app, "disabled");
  return list.includes(ALL_TYPES) || list.includes(processType);
}

/** Whether checks are skipped for the process type: zero-downtime stays, the checks do not run. */
export function checksSkipped(ctx: Store, app: string, processType: string): boolean {
  const list = checksList(ctx, app, "skipped");
  return list.includes(ALL_TYPES) || list.includes(processType);
}

/** A whole-number property: the app's, else the global one, else undefined (unset or not a number). */
function wholeNumber(ctx: Store, app: string | undefined, key: string): number | undefined {
  for (const scope of app === undefined ? [GLOBAL] : [app, GLOBAL]) {
    const raw = (ctx.store.get(CHECKS_PLUGIN, scope, key) ?? "").trim();
    if (raw === "") continue;
    return /^\d+$/.test(raw) ? Number(raw) : undefined;
  }
  return undefined;
}

/** Seconds old containers keep running after the switch: `wait-to-retire` (app, global, 60). */
export function waitToRetire(ctx: Store, app: string): number {
  return wholeNumber(ctx, app, "wait-to-retire") ?? CHECKS_DEFAULTS["wait-to-retire"];
}

/** The uptime of the default check: `default-wait` (app, global, 10). */
export function defaultWait(ctx: Store, app: string): number {
  return wholeNumber(ctx, app, "default-wait") ?? CHECKS_DEFAULTS["default-wait"];
}

/** checks-set `wait`, `timeout`, `attempts` (app, else global). */
export function checkSettings(ctx: Store, app: string): CheckSettings {
  const settings: { wait?: number; timeout?: number; attempts?: number } = {};
  for (const key of ["wait", "timeout", "attempts"] as const) {
    const value = wholeNumber(ctx, app, key);
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}
