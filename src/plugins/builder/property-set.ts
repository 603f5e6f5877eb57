import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import type { CorePropertyNamespace } from "../../core/state-names";
import { withAppLock } from "../../store/app-lock";
import { GLOBAL } from "../../store/property-store";

export interface PropertySetRequest {
  readonly plugin: CorePropertyNamespace;
  /** An app name, or GLOBAL. */
  readonly target: string | undefined;
  readonly key: string;
  readonly value: string;
  /** Every property the plugin knows (Dokku's DefaultProperties), sorted for the error. */
  readonly properties: readonly string[];
  /** Those that may be set with --global. */
  readonly globalProperties: readonly string[];
  /** Refuses a bad value before anything is written (throws via fail). */
  readonly validate?: (key: string, value: string) => void;
}

/**
 * Dokku's CommandPropertySet for a plugin: checks the app, the property and the value, then
 * writes it (`=====> Setting <key> to <value>`) or, for an empty value, removes it
 * (`=====> Unsetting <key>`). App writes hold the app's lock.
 */
export async function setPluginProperty(ctx: Context, request: PropertySetRequest): Promise<void> {
  const { plugin, key, value } = request;
  const target = request.target === GLOBAL ? GLOBAL : verifyApp(ctx, request.target);
  if (target === GLOBAL && !request.globalProperties.includes(key))
    fail("Property cannot be specified globally", "invalid-property");
  if (key === "") fail("No property specified", "invalid-property");
  if (!request.properties.includes(key)) {
    fail(
      `Invalid property specified, valid properties include: ${[...request.properties].sort().join(", ")}`,
      "invalid-property",
    );
  }
  if (value !== "") request.validate?.(key, value);
  const write = () => {
    if (value !== "") {
      ctx.out.heading(`Setting ${key} to ${value}`);
      ctx.store.set(plugin, target, key, value);
    } else {
      ctx.out.heading(`Unsetting ${key}`);
      ctx.store.delete(plugin, target, key);
    }
  };
  if (target === GLOBAL) write();
  else await withAppLock(ctx, target, write);
}
