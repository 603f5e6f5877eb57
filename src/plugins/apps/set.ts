import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { withAppLock } from "../../store/app-lock";
import { GLOBAL } from "../../store/property-store";
import { APPS_PLUGIN } from "./paths";
import { setPropertyProblem } from "./properties";

/** `apps:set <app>|--global <key> [<value>]`: writes the property, or clears it on an empty value. */
export async function setAppsProperty(
  ctx: Context,
  scope: string | undefined,
  key: string,
  value: string,
): Promise<void> {
  const target = scope === GLOBAL ? GLOBAL : verifyApp(ctx, scope);
  const problem = setPropertyProblem(target, key);
  if (problem) fail(problem, "invalid-property");
  const write = () => {
    if (value !== "") {
      ctx.out.heading(`Setting ${key} to ${value}`);
      ctx.store.set(APPS_PLUGIN, target, key, value);
    } else {
      ctx.out.heading(`Unsetting ${key}`);
      ctx.store.delete(APPS_PLUGIN, target, key);
    }
  };
  if (target === GLOBAL) write();
  else await withAppLock(ctx, target, write);
}
