import { parseResourceArgs } from "../../builders/resource-args";
import { clearedResourceProperties, resourceConflictAfter, withResourceValues } from "../../builders/resource-changes";
import {
  CLEAR_VALUE,
  DEFAULT_PROCESS_TYPE,
  RESOURCE_KEYS,
  resourceProperty,
  type ResourceKind,
} from "../../builders/resource-values";
import { verifyApp } from "../../core/app-guard";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { withAppLock } from "../../store/app-lock";
import { RESOURCE_PLUGIN, resourceProperties } from "./properties";

const NOUN: Record<ResourceKind, string> = { limit: "limits", reserve: "reservation" };

/**
 * `resource:limit|reserve [--process-type P] [--cpu N] [--memory SIZE] ... <app>`: stores the
 * values given (`clear` removes one), refusing a combination docker would refuse; without
 * values, shows the process type's own values (not merged with the defaults), as Dokku does.
 */
export async function setResources(ctx: Context, rawArgs: readonly string[], kind: ResourceKind): Promise<void> {
  const args = parseResourceArgs(rawArgs, true);
  const app = verifyApp(ctx, args.app);
  const suffix = args.processType === DEFAULT_PROCESS_TYPE ? "" : ` (${args.processType})`;
  if (args.values.length === 0) {
    const properties = resourceProperties(ctx, app);
    ctx.out.heading(`resource ${NOUN[kind]} ${app} information${suffix || " [defaults]"}`);
    for (const key of RESOURCE_KEYS)
      ctx.out.detail(`${key}: ${properties[resourceProperty(args.processType, kind, key)] ?? ""}`);
    return;
  }
  await withAppLock(ctx, app, () => {
    const next = withResourceValues(resourceProperties(ctx, app), args.processType, kind, args.values);
    const conflict = resourceConflictAfter(next, args.processType);
    if (conflict) fail(conflict, "invalid-resource");
    ctx.out.heading(`Setting resource ${NOUN[kind]} for ${app}${suffix}`);
    for (const [key, value] of args.values) {
      const property = resourceProperty(args.processType, kind, key);
      if (value === CLEAR_VALUE) ctx.store.delete(RESOURCE_PLUGIN, app, property);
      else ctx.store.set(RESOURCE_PLUGIN, app, property, value);
      ctx.out.detail(`${key}: ${value === CLEAR_VALUE ? "cleared" : value}`);
    }
  });
}

/** `resource:limit-clear|reserve-clear [--process-type P] <app>`: one process type's values of that kind, or every type's. */
export async function clearResources(ctx: Context, rawArgs: readonly string[], kind: ResourceKind): Promise<void> {
  const args = parseResourceArgs(rawArgs, false);
  const app = verifyApp(ctx, args.app);
  const processType = args.processTypeGiven ? args.processType : undefined;
  const suffix = processType === undefined || processType === DEFAULT_PROCESS_TYPE ? "" : ` (${processType})`;
  await withAppLock(ctx, app, () => {
    ctx.out.heading(`clearing ${app} ${NOUN[kind]}${suffix}`);
    for (const property of clearedResourceProperties(resourceProperties(ctx, app), kind, processType))
      ctx.store.delete(RESOURCE_PLUGIN, app, property);
  });
}
