import { treeRelativePath } from "../../builders/build-options";
import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import { setPluginProperty } from "../property-set";

export const APP_JSON_PLUGIN = "app-json";
export const DEFAULT_APP_JSON = "app.json";
const PROPERTIES = ["appjson-path"];

/** The app's, the global and the computed `appjson-path` (app, else global, else `app.json`). */
export function appJsonPaths(
  ctx: Pick<Context, "store">,
  target: string,
): { app: string; global: string; computed: string } {
  const app = target === GLOBAL ? "" : (ctx.store.get(APP_JSON_PLUGIN, target, "appjson-path") ?? "");
  const global = ctx.store.get(APP_JSON_PLUGIN, GLOBAL, "appjson-path") ?? "";
  return { app, global, computed: app || global || DEFAULT_APP_JSON };
}

/** Dokku's app-json report of an app or of --global. */
export function appJsonReport(ctx: Pick<Context, "store">, target: string): Report {
  const paths = appJsonPaths(ctx, target);
  const entries: Record<string, string> = {
    "--app-json-computed-appjson-path": paths.computed,
    "--app-json-global-appjson-path": paths.global,
  };
  if (target !== GLOBAL) entries["--app-json-appjson-path"] = paths.app;
  return { type: "app-json", target, legacyKeys: true, entries };
}

/** `app-json:set <app>|--global appjson-path [<path>]`: a file inside the app's source tree. */
export function setAppJsonProperty(
  ctx: Context,
  target: string | undefined,
  key: string,
  value: string,
): Promise<void> {
  return setPluginProperty(ctx, {
    plugin: APP_JSON_PLUGIN,
    scope: target,
    key,
    value,
    properties: PROPERTIES,
    validate: (_property, raw) =>
      treeRelativePath(raw, "appjson-path") === ""
        ? `Invalid appjson-path '${raw}': it must name a file inside the app's source tree`
        : undefined,
  });
}
