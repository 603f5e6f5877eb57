import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { withAppLock } from "../../store/app-lock";
import { ALL_TYPES, CHECKS_PLUGIN, checksList } from "./properties";

export type ChecksMode = "disable" | "enable" | "skip";

const PROCESS_TYPE = /^[A-Za-z0-9_-]+$/;

/** `web,worker` -> the process types; undefined or empty means all. Refuses a bad name. Pure. */
export function parseProcessTypes(text: string | undefined): string[] | undefined {
  if (text === undefined || text === "" || text === ALL_TYPES) return undefined;
  const types = text.split(",");
  for (const type of types)
    if (!PROCESS_TYPE.test(type))
      fail(`Invalid process type specified: ${JSON.stringify(type)}`, "invalid-process-type");
  return [...new Set(types)];
}

/**
 * `checks:disable|enable|skip <app> [process-types]`, as Dokku's checks subcommands: a type is
 * in at most one of the `disabled` and `skipped` lists; without types, `_all_`.
 */
export async function setChecksMode(
  ctx: Context,
  appArg: string | undefined,
  typesArg: string | undefined,
  mode: ChecksMode,
): Promise<void> {
  const app = verifyApp(ctx, appArg);
  const types = parseProcessTypes(typesArg);
  await withAppLock(ctx, app, () => {
    let disabled = checksList(ctx, app, "disabled");
    let skipped = checksList(ctx, app, "skipped");
    const shown = types?.join(",");
    if (mode === "enable") {
      ctx.out.step(
        types
          ? `Enabling zero downtime for app's (${app}) proctypes (${shown})`
          : `Enabling zero downtime for app's (${app})`,
      );
      disabled = types ? disabled.filter((type) => !types.includes(type)) : [];
      skipped = types ? skipped.filter((type) => !types.includes(type)) : [];
    } else {
      const verb = mode === "disable" ? "Disabling" : "Skipping";
      ctx.out.step(
        types
          ? `${verb} zero downtime for app's (${app}) proctypes (${shown})`
          : `${verb} zero downtime for app (${app})`,
      );
      let [own, other] = mode === "disable" ? [disabled, skipped] : [skipped, disabled];
      if (types) {
        own = [...own.filter((type) => type !== ALL_TYPES), ...types.filter((type) => !own.includes(type))];
        other = other.filter((type) => !types.includes(type));
      } else {
        own = [ALL_TYPES];
        other = [];
      }
      [disabled, skipped] = mode === "disable" ? [own, other] : [other, own];
    }
    writeList(ctx, app, "disabled", disabled);
    writeList(ctx, app, "skipped", skipped);
  });
}

function writeList(ctx: Context, app: string, key: "disabled" | "skipped", list: readonly string[]): void {
  if (list.length === 0) ctx.store.delete(CHECKS_PLUGIN, app, key);
  else ctx.store.set(CHECKS_PLUGIN, app, key, list.join(","));
}
