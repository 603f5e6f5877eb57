import { fail } from "../core/errors";
import { hasControlCharacter } from "../core/terminal-text";
import { normalizeSchedule } from "./cron-schedule";
import type { CronTask } from "./cron-tasks";

export interface CrontabInput {
  /** The dokku executable each line runs (ctx.executablePath). */
  readonly binary: string;
  /** `cron:set --global mailto|mailfrom`; empty leaves the line out. */
  readonly mailto: string;
  readonly mailfrom: string;
  /** DOKKU_ROOT, DOKKU_LIB_ROOT, DOKKU_LOGS_DIR: the roots the lines must act on. */
  readonly environment: Readonly<Record<string, string>>;
  /** Every app's tasks; those in maintenance are left out. */
  readonly tasks: readonly CronTask[];
}

/** What may stand unquoted in a crontab line: cron gives the rest of the line to the shell, and reads `%` as a newline. */
const SAFE_WORD = /^[A-Za-z0-9_@.,:/+=-]+$/;

/**
 * The dokku user's crontab, as Dokku's cron.tmpl writes it: MAILFROM/MAILTO when set, PATH and
 * SHELL, the roots, then `<schedule> <binary> cron:run <app> <id>` per task not in maintenance.
 * No app.json text but the validated schedule ever reaches the file. Undefined when no task
 * is left (the crontab is removed). Pure.
 */
export function buildCrontab(input: CrontabInput): string | undefined {
  const tasks = input.tasks.filter((task) => !task.maintenance);
  if (tasks.length === 0) return undefined;
  const lines: string[] = [];
  if (input.mailfrom !== "") lines.push(`MAILFROM=${envValue("mailfrom", input.mailfrom)}`);
  if (input.mailto !== "") lines.push(`MAILTO=${envValue("mailto", input.mailto)}`);
  lines.push("PATH=/usr/local/bin:/usr/bin:/bin", "SHELL=/bin/bash");
  for (const [key, value] of Object.entries(input.environment)) lines.push(`${key}=${envValue(key, value)}`);
  lines.push("");
  const binary = word("the dokku executable path", input.binary);
  for (const task of tasks) {
    lines.push(
      `${normalizeSchedule(task.schedule)} ${binary} cron:run ${word("app", task.app)} ${word("cron id", task.id)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function envValue(what: string, value: string): string {
  if (hasControlCharacter(value)) fail(`Cannot write ${what} to the crontab: it holds a control character`);
  return value;
}

function word(what: string, value: string): string {
  if (!SAFE_WORD.test(value))
    fail(`Cannot write ${what} '${value}' to the crontab: only letters, digits and _@.,:/+=- are safe there`);
  return value;
}
