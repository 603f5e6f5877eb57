import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import { setPluginProperty } from "../property-set";
import {
  DOCKER_LOCAL_DEFAULTS,
  DOCKER_LOCAL_PLUGIN,
  DOCKER_LOCAL_PROPERTIES,
  type DockerLocalProperty,
  parallelCountProblem,
} from "./shared/properties";

/**
 * The scheduler-docker-local report of an app or of --global, as Dokku's: per property the
 * computed value (app, else global, else default), the global value and, for an app, its own.
 */
export function dockerLocalReport(ctx: Pick<Context, "store">, target: string): Report {
  const get = (scope: string, key: string) => ctx.store.get(DOCKER_LOCAL_PLUGIN, scope, key) ?? "";
  const entries: Record<string, string> = {};
  for (const key of DOCKER_LOCAL_PROPERTIES) {
    const global = get(GLOBAL, key);
    const own = target === GLOBAL ? "" : get(target, key);
    entries[`--scheduler-docker-local-computed-${key}`] = own || global || DOCKER_LOCAL_DEFAULTS[key];
    entries[`--scheduler-docker-local-global-${key}`] = global;
    if (target !== GLOBAL) entries[`--scheduler-docker-local-${key}`] = own;
  }
  return { type: "scheduler-docker-local", target, entries };
}

/** Why a value is refused for the property; undefined when valid. Pure. */
function valueProblem(key: string, value: string): string | undefined {
  if ((key as DockerLocalProperty) === "init-process")
    return value === "true" || value === "false" ? undefined : `Invalid init-process: ${value}; use true or false`;
  return parallelCountProblem(value);
}

/** `scheduler-docker-local:set <app>|--global init-process|parallel-schedule-count [<value>]`: an empty value unsets. */
export function setDockerLocalProperty(
  ctx: Context,
  scope: string | undefined,
  key: string,
  value: string,
): Promise<void> {
  return setPluginProperty(ctx, {
    plugin: DOCKER_LOCAL_PLUGIN,
    scope,
    key,
    value,
    properties: DOCKER_LOCAL_PROPERTIES,
    validate: valueProblem,
  });
}
