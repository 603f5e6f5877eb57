import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import type { CorePropertyNamespace } from "../../core/state-names";
import { withAppLock } from "../../store/app-lock";
import { GLOBAL } from "../../store/property-store";

export interface PropertySetRequest {
  readonly plugin: CorePropertyNamespace;
  /** An app name or GLOBAL. */
  readonly scope: string | undefined;
  readonly key: string;
  readonly value: string;
  /** Every property the plugin knows. */
  readonly properties: readonly string[];
  /** The ones that may be set with --global. */
  readonly globalProperties: readonly string[];
  /** Refuses a bad non-empty value: returns the message. */
  readonly validate?: (key: string, value: string) => string | undefined;
}

/** Why Dokku's CommandPropertySet refuses the request; undefined when allowed. Pure. */
export function propertySetProblem(
  request: Pick<PropertySetRequest, "scope" | "key" | "properties" | "globalProperties">,
): string | undefined {
  if (request.scope === GLOBAL && !request.globalProperties.includes(request.key))
    return "Property cannot be specified globally";
  if (request.key === "") return "No property specified";
  const valid = [...new Set([...request.properties, ...request.globalProperties])].sort();
  if (!valid.includes(request.key)) return `Invalid property specified, valid properties include: ${valid.join(", ")}`;
  return undefined;
}

/** `<plugin>:set <app>|--global <key> [<value>]`: Dokku's CommandPropertySet with its messages. */
export async function setPluginProperty(ctx: Context, request: PropertySetRequest): Promise<void> {
  const scope = request.scope === GLOBAL ? GLOBAL : verifyApp(ctx, request.scope);
  const problem =
    propertySetProblem({ ...request, scope }) ??
    (request.value !== "" ? request.validate?.(request.key, request.value) : undefined);
  if (problem) fail(problem, "invalid-property");
  const write = () => {
    if (request.value !== "") {
      ctx.out.heading(`Setting ${request.key} to ${request.value}`);
      ctx.store.set(request.plugin, scope, request.key, request.value);
    } else {
      ctx.out.heading(`Unsetting ${request.key}`);
      ctx.store.delete(request.plugin, scope, request.key);
    }
  };
  if (scope === GLOBAL) write();
  else await withAppLock(ctx, scope, write);
}
