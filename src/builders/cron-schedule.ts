import { CronPattern } from "croner";

/** The `@` names Dokku's parser (robfig/cron Descriptor) and Debian's cron both accept; `@every` and `@reboot` are not among them. */
export const CRON_DESCRIPTORS = [
  "@yearly",
  "@annually",
  "@monthly",
  "@weekly",
  "@daily",
  "@midnight",
  "@hourly",
] as const;

const FIELDS = ["minute", "hour", "day-of-month", "month", "day-of-week"] as const;
const MONTH_NAMES = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b/gi;
const DAY_NAMES = /\b(sun|mon|tue|wed|thu|fri|sat)\b/gi;

/**
 * Why `schedule` is not a schedule the host's cron runs, or undefined when it is: five fields
 * (minute hour day-of-month month day-of-week) of numbers, `*`, ranges, lists and steps, with
 * month and weekday names where cron takes them, or one of CRON_DESCRIPTORS. Ranges and steps
 * are checked by croner; Quartz extensions croner knows but cron does not (`L`, `W`, `#`, `?`)
 * are refused, since one line cron cannot read makes `crontab` refuse every app's schedule. Pure.
 */
export function cronScheduleProblem(schedule: string): string | undefined {
  if (/[^\x20-\x7e\t]/.test(schedule)) return "must be one line of printable characters";
  const text = schedule.trim();
  if (text === "") return "must not be empty";
  if (text.startsWith("@")) {
    if ((CRON_DESCRIPTORS as readonly string[]).includes(text)) return undefined;
    return `${text} is not a known schedule name; use five fields or one of ${CRON_DESCRIPTORS.join(", ")}`;
  }
  const fields = text.split(/\s+/);
  if (fields.length !== 5) return `must have five fields (${FIELDS.join(" ")}), found ${fields.length}`;
  for (const [index, field] of fields.entries()) {
    const bare = index === 3 ? field.replace(MONTH_NAMES, "1") : index === 4 ? field.replace(DAY_NAMES, "0") : field;
    if (!/^[0-9*,/-]+$/.test(bare))
      return `${FIELDS[index]} field '${field}' may only hold numbers, names, '*', ',', '-' and '/'`;
  }
  try {
    new CronPattern(text, undefined, { mode: "5-part" });
  } catch (error) {
    return (error as Error).message.replace(/^CronPattern: /, "");
  }
  return undefined;
}

/** The schedule as one crontab line holds it: fields separated by single spaces. Pure. */
export function normalizeSchedule(schedule: string): string {
  return schedule.trim().split(/\s+/).join(" ");
}
