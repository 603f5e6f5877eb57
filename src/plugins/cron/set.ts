import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { hasControlCharacter } from "../../core/terminal-text";
import { GLOBAL } from "../../store/property-store";
import { setPluginProperty } from "../property-set";
import { writeHostSchedule } from "./host-schedule";
import {
  appCronTasks,
  CRON_PLUGIN,
  CRON_PROPERTIES,
  GLOBAL_ONLY_PROPERTIES,
  TASK_MAINTENANCE_PREFIX,
} from "./properties";

/** Longest property file name the filesystem takes. */
const MAX_PROPERTY_NAME = 255;

/**
 * `cron:set <app>|--global <key> [<value>]`, as Dokku's cron CommandSet: mailto and mailfrom
 * only globally, `maintenance` anywhere, `maintenance.<id>` for one task of the app; then the
 * host schedule is regenerated. Every check runs before anything is written.
 */
export async function setCronProperty(
  ctx: Context,
  scopeArg: string | undefined,
  key: string,
  value: string,
): Promise<void> {
  if ((GLOBAL_ONLY_PROPERTIES as readonly string[]).includes(key) && scopeArg !== GLOBAL)
    fail("Property cannot be specified on a per-app basis");
  const properties: string[] = [...CRON_PROPERTIES];
  if (key.startsWith(TASK_MAINTENANCE_PREFIX)) {
    if (scopeArg === GLOBAL) fail("Task maintenance properties cannot be set globally");
    const app = verifyApp(ctx, scopeArg);
    const id = key.slice(TASK_MAINTENANCE_PREFIX.length);
    if (id === "") fail("Invalid task maintenance property, missing ID");
    if (!appCronTasks(ctx, app).some((task) => task.id === id))
      fail(`Invalid task maintenance property, no matching task ID found: ${key}`);
    if (key.length > MAX_PROPERTY_NAME) fail(`Cron ID ${id} is too long to store its maintenance property`);
    properties.push(key);
  }
  await setPluginProperty(ctx, {
    plugin: CRON_PLUGIN,
    scope: scopeArg,
    key,
    value,
    properties,
    globalProperties: [...CRON_PROPERTIES],
    validate: valueProblem,
  });
  await writeHostSchedule(ctx);
}

/** `cron:suspend <app> <id>`: the task stays out of the schedule until resumed. */
export function suspendCronTask(ctx: Context, app: string | undefined, id: string | undefined): Promise<void> {
  return setCronProperty(ctx, requireApp(app), `${TASK_MAINTENANCE_PREFIX}${id ?? ""}`, "true");
}

/** `cron:resume <app> <id>`. */
export function resumeCronTask(ctx: Context, app: string | undefined, id: string | undefined): Promise<void> {
  return setCronProperty(ctx, requireApp(app), `${TASK_MAINTENANCE_PREFIX}${id ?? ""}`, "");
}

function requireApp(app: string | undefined): string | undefined {
  // `--global` is not an app here: the words came from a positional
  if (app === GLOBAL) fail("Task maintenance properties cannot be set globally");
  return app;
}

/** A bad non-empty value: maintenance flags are true/false; mail settings go into the crontab, one line each. */
function valueProblem(key: string, value: string): string | undefined {
  if (key === "maintenance" || key.startsWith(TASK_MAINTENANCE_PREFIX)) {
    return value === "true" || value === "false"
      ? undefined
      : `Invalid value for ${key}: ${value}; expected true or false`;
  }
  if (hasControlCharacter(value)) return `Invalid value for ${key}: control characters are not allowed`;
  return undefined;
}
