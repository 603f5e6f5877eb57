import type { Context } from "../core/context";
import { verifyApp } from "../core/app-guard";
import { fail } from "../core/errors";
import type { CorePropertyNamespace } from "../core/state-names";
import { withAppLock } from "../store/app-lock";
import { GLOBAL } from "../store/property-store";

/**
 * Dokku's CommandPropertySet, for every core plugin's `<plugin>:set <app>|--global <key> [<value>]`:
 * the scope, the key and the value are checked before anything is written, then the property is
 * written (`=====> Setting <key> to <value>`) or, for an empty value, removed (`=====> Unsetting
 * <key>`). App writes hold the app's lock. Refusals are one line, code `invalid-property`.
 */
export interface PropertySetRequest {
  readonly plugin: CorePropertyNamespace;
  /** An app name, or GLOBAL. */
  readonly scope: string | undefined;
  readonly key: string;
  readonly value: string;
  /** The properties an app may set (Dokku's DefaultProperties). */
  readonly properties: readonly string[];
  /** Those `--global` may set; the same as `properties` when left out. One not in `properties` is global-only. */
  readonly globalProperties?: readonly string[];
  /** What the messages call a property: `key` for checks, git and nginx, as in Dokku. */
  readonly noun?: "property" | "key";
  /** Refuses a bad non-empty value: returns the message (or throws a DokkuError). Nothing is written yet. */
  readonly validate?: (key: string, value: string) => string | undefined | Promise<string | undefined>;
  /** Keys whose empty value is kept, written empty rather than removed (git's rev-env-var turns GIT_REV off). */
  readonly keepEmpty?: readonly string[];
}

/** Why Dokku's CommandPropertySet refuses the key for the scope (an app or GLOBAL); undefined when allowed. Pure. */
export function propertySetProblem(
  request: Pick<PropertySetRequest, "scope" | "key" | "properties" | "globalProperties" | "noun">,
): string | undefined {
  const { scope, key, properties } = request;
  const global = request.globalProperties ?? properties;
  const noun = request.noun ?? "property";
  const label = noun === "key" ? "Key" : "Property";
  if (scope !== GLOBAL && global.includes(key) && !properties.includes(key))
    return `${label} can only be specified globally`;
  if (scope === GLOBAL && !global.includes(key)) return `${label} cannot be specified globally`;
  if (key === "") return `No ${noun} specified`;
  const valid = [...new Set([...properties, ...global])].sort();
  if (!valid.includes(key))
    return `Invalid ${noun} specified, valid ${noun === "key" ? "keys" : "properties"} include: ${valid.join(", ")}`;
  return undefined;
}

/** `<plugin>:set`: checks the app, the key and a non-empty value, then writes the property or removes it. */
export async function setPluginProperty(ctx: Context, request: PropertySetRequest): Promise<void> {
  const scope = request.scope === GLOBAL ? GLOBAL : verifyApp(ctx, request.scope);
  const problem =
    propertySetProblem({ ...request, scope }) ??
    (request.value !== "" ? await request.validate?.(request.key, request.value) : undefined);
  if (problem) fail(problem, "invalid-property");
  await writePluginProperty(ctx, request.plugin, scope, request.key, () => request.value, {
    keepEmpty: request.keepEmpty?.includes(request.key) ?? false,
  });
}

/**
 * Writes a checked property of a scope (an app, under its lock, or GLOBAL): `=====> Setting <key>
 * to <value>`, or for an empty value `=====> Unsetting <key>` and the property removed (or kept
 * empty with `keepEmpty`). `value` is read under the lock, so it may depend on what is stored; it
 * may refuse by throwing, and then nothing is written.
 */
export async function writePluginProperty(
  ctx: Context,
  plugin: CorePropertyNamespace,
  scope: string,
  key: string,
  value: () => string,
  options: { readonly keepEmpty?: boolean } = {},
): Promise<void> {
  const write = () => {
    const given = value();
    if (given !== "") {
      ctx.out.heading(`Setting ${key} to ${given}`);
      ctx.store.set(plugin, scope, key, given);
    } else {
      ctx.out.heading(`Unsetting ${key}`);
      if (options.keepEmpty) ctx.store.set(plugin, scope, key, "");
      else ctx.store.delete(plugin, scope, key);
    }
  };
  if (scope === GLOBAL) write();
  else await withAppLock(ctx, scope, write);
}
