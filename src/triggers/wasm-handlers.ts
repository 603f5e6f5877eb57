/**
 * Puts the installed, enabled WASM plugins on the trigger bus, after the core plugins, by name.
 * Registering is cheap (one read of the index, or one missing file when nothing is installed);
 * no sandbox starts until a handler runs.
 */
import type { TriggerName } from "../../sdk/triggers/all";
import type { SecretGrant } from "../../sdk/triggers/define";
import type { Context } from "../core/context";
import type { TriggerBus } from "./bus";
import { TRIGGER_TABLE } from "./generated/validators";
import { withhold } from "./payload-gates";
import { triggerExport } from "../wasm/exports";
import { PluginCallError } from "../wasm/plugin-call-error";
import { listInstalledPlugins } from "../wasm/registry";
import { callPlugin } from "../wasm/sandbox-client";
import type { Grants, InstalledPlugin } from "../wasm/types";

/** Triggers a plugin may handle only with a grant beyond the manifest listing them. */
const TRIGGER_GRANTS: Partial<Record<TriggerName, (grants: Grants) => boolean>> = {
  "nginx-snippet": (grants) => grants.nginx,
  "docker-args-deploy": (grants) => grants.dockerArgs,
};

/** Whether a plugin holds the grant that unlocks a secret payload field. */
const SECRET_GRANTS: Readonly<Record<SecretGrant, (grants: Grants) => boolean>> = {
  config: (grants) => grants.config,
};

/**
 * The payload as a plugin with these grants may see it: every field the trigger's declaration
 * marks secret for a grant the plugin lacks is withheld (payload-gates.ts). Pure.
 */
export function pluginPayload(trigger: TriggerName, payload: unknown, grants: Grants): unknown {
  return withhold(payload, TRIGGER_TABLE[trigger].gates, (grant) => SECRET_GRANTS[grant](grants));
}

export function registerWasmPlugins(bus: TriggerBus, ctx: Context): void {
  registerPlugins(bus, listInstalledPlugins(ctx.paths));
}

/**
 * Registers each enabled plugin's triggers with source `plugin <name>`, plugins sorted by name,
 * as the plugin's: the bus screens their results (result-rules.ts).
 */
export function registerPlugins(bus: TriggerBus, plugins: readonly InstalledPlugin[]): void {
  const sorted = [...plugins].sort((a, b) =>
    a.manifest.name < b.manifest.name ? -1 : a.manifest.name > b.manifest.name ? 1 : 0,
  );
  for (const plugin of sorted) {
    if (!plugin.enabled) continue;
    for (const { name } of plugin.manifest.triggers) {
      if (!Object.hasOwn(TRIGGER_TABLE, name)) continue;
      const trigger = name as TriggerName;
      if (TRIGGER_GRANTS[trigger] && !TRIGGER_GRANTS[trigger](plugin.grants)) continue;
      bus.on(
        trigger,
        `plugin ${plugin.manifest.name}`,
        ((payload: unknown, ctx: Context) => runTrigger(ctx, plugin, trigger, payload)) as never,
        {
          plugin: plugin.manifest.name,
        },
      );
    }
  }
}

/**
 * Calls the plugin's export for the trigger with the ABI's envelope, the payload as the
 * plugin's grants let it see it; the bus checks the result against the trigger's schema. A
 * failed call becomes a plain Error carrying the why, which the bus reports as
 * `plugin <name> failed on <trigger>: <why>`.
 */
async function runTrigger(
  ctx: Context,
  plugin: InstalledPlugin,
  trigger: TriggerName,
  payload: unknown,
): Promise<unknown> {
  const app = appOf(payload);
  const input = {
    trigger,
    version: TRIGGER_TABLE[trigger].version,
    app,
    payload: pluginPayload(trigger, payload, plugin.grants),
  };
  try {
    return await callPlugin(ctx, plugin, { export: triggerExport(trigger), input, app, what: trigger });
  } catch (error) {
    if (error instanceof PluginCallError) throw new Error(error.message);
    throw error;
  }
}

/** The app a payload is about: its `app`, or the app of its `scope`; null otherwise. Pure. */
export function appOf(payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null) return null;
  const { app, scope } = payload as { app?: unknown; scope?: unknown };
  if (typeof app === "string") return app;
  if (typeof scope === "object" && scope !== null && (scope as { kind?: unknown }).kind === "app") {
    const scoped = (scope as { app?: unknown }).app;
    if (typeof scoped === "string") return scoped;
  }
  return null;
}
