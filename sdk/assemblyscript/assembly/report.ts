/**
 * `<ns>:report` the way dokku prints its own (src/core/report.ts, Dokku's ReportSingleApp):
 * read the words with `readReportArgs(input)`, fill a `Report` with one entry per
 * `--<type>-<property>` flag, and `return printReport(report, args)`. That prints the
 * `=====> <target> <type> information` heading and aligned `Label:  value` lines, one flag's raw
 * value, or the flat JSON object; or fails with dokku's wording for a bad `--format`, a second
 * info flag, a flag with `--format json`, or an unknown flag.
 */
import { CommandInput, fail, ok } from "./call";
import { output } from "./host";
import { jsonString } from "./json";

/** Dokku pads report labels to at least 31 columns. */
const MIN_KEY_WIDTH: i32 = 31;

/** What a report command line asks for. */
export class ReportArgs {
  /** `stdout` or `json`. */
  format: string = "stdout";
  /** The one `--<type>-<property>` asked for, or null for the whole report. */
  flag: string | null = null;
  /** `--global` was given (only read when `readReportArgs(input, true)`). */
  global: bool = false;
  /** Why the words were refused, in dokku's wording, or null; `printReport` fails with it. */
  error: string | null = null;
}

/**
 * Reads `[<app>] [--format stdout|json] [--<type>-<property>]` from the command's words (after
 * the app when the command has one), as dokku's ParseReportArgs: `--format` takes a value (or
 * `--format=json`), any other `--flag` is the one info flag. `--global` is the global scope when
 * `allowGlobal`, else an info flag like any other (so it is refused as an unknown flag).
 * A word that is not a flag is refused: a plugin report has no other arguments.
 */
export function readReportArgs(input: CommandInput, allowGlobal: bool = false): ReportArgs {
  const args = new ReportArgs();
  const namespace = input.command.includes(":") ? input.command.substring(0, input.command.indexOf(":")) : input.command;
  const flags = new Array<string>();
  let format: string | null = null;
  for (let i = input.app === null ? 0 : 1; i < input.args.length; i++) {
    const arg = input.args[i];
    if (arg == "--format") {
      if (i + 1 >= input.args.length) return refused(args, "--format requires a value: stdout or json");
      format = input.args[++i];
    } else if (arg.startsWith("--format=")) format = arg.substring(9);
    else if (allowGlobal && arg == "--global") args.global = true;
    else if (arg.startsWith("--")) flags.push(arg);
    else return refused(args, "Unexpected argument: " + arg);
  }
  if (flags.length > 1) return refused(args, namespace + ":report command allows only a single flag");
  if (format !== null && format != "" && format != "stdout" && format != "json") {
    return refused(args, "Invalid --format value specified: " + format! + ". Valid values: stdout, json");
  }
  if (format !== null && format == "json") args.format = "json";
  if (flags.length == 1) {
    if (args.format == "json") return refused(args, "--format flag cannot be specified when specifying an info flag");
    args.flag = flags[0];
  }
  return args;
}

function refused(args: ReportArgs, why: string): ReportArgs {
  args.error = why;
  return args;
}

/** One report on `target` (an app), as src/core/report.ts's `Report`. */
export class Report {
  /** The `--<type>-` flag prefix and the heading's word: `maintenance`, `http-auth`. */
  type: string;
  /** The app the report is about. */
  target: string;
  /** Full flags (`--maintenance-enabled`) and their values, in the order added. */
  flags: string[] = [];
  values: string[] = [];
  /**
   * Whether `--format json` also carries the `<type>-<property>` keys beside the trimmed ones.
   * Dokku keeps them only for its older plugins; a new plugin has no legacy to keep: default false.
   */
  legacyKeys: bool = false;

  constructor(type: string, target: string) {
    this.type = type;
    this.target = target;
  }

  /** Adds (or replaces) the entry for `flag` (with its leading `--`). */
  add(flag: string, value: string): Report {
    const at = this.flags.indexOf(flag);
    if (at >= 0) this.values[at] = value;
    else {
      this.flags.push(flag);
      this.values.push(value);
    }
    return this;
  }

  /** The value of `flag`, or null when the report has no such entry. */
  value(flag: string): string | null {
    const at = this.flags.indexOf(flag);
    return at < 0 ? null : this.values[at];
  }
}

/** Aligned `Label:  value` lines (without the 7-space indent), by flag. */
export function reportLines(report: Report): string[] {
  const flags = sortedStrings(report.flags);
  let width = MIN_KEY_WIDTH;
  for (let i = 0; i < flags.length; i++) if (flags[i].length > width) width = flags[i].length;
  const lines = new Array<string>(flags.length);
  for (let i = 0; i < flags.length; i++) {
    const words = withoutDashes(flags[i]).replaceAll("-", " ").replaceAll(".", " ");
    const label = words.length == 0 ? words : words.charAt(0).toUpperCase() + words.substring(1);
    lines[i] = (label + ":").padEnd(width) + report.value(flags[i])!;
  }
  return lines;
}

/** The flat JSON object: keys without `--<type>-` (plus `<type>-<property>` with `legacyKeys`), sorted. */
export function reportJson(report: Report): string {
  const prefix = "--" + report.type + "-";
  const data = new Report(report.type, report.target);
  const flags = sortedStrings(report.flags);
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    const value = report.value(flag)!;
    if (!flag.startsWith(prefix)) {
      data.add(withoutDashes(flag), value);
      continue;
    }
    data.add(flag.substring(prefix.length), value);
    if (report.legacyKeys) data.add(withoutDashes(flag), value);
  }
  const keys = sortedStrings(data.flags);
  const parts = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) parts[i] = jsonString(keys[i]) + ":" + jsonString(data.value(keys[i])!);
  return "{" + parts.join(",") + "}";
}

/** Prints what `args` asks for; returns `fail(...)` for refused words or an unknown flag, else `ok()`. */
export function printReport(report: Report, args: ReportArgs): i32 {
  if (args.error !== null) return fail(args.error!);
  if (args.flag !== null) {
    const value = report.value(args.flag!);
    if (value === null) return fail("Invalid flag passed, valid flags: " + sortedStrings(report.flags).join(", "));
    output.print(value!);
    return ok();
  }
  if (args.format == "json") {
    output.print(reportJson(report));
    return ok();
  }
  output.heading(report.target + " " + report.type + " information");
  const lines = reportLines(report);
  for (let i = 0; i < lines.length; i++) output.print("       " + lines[i]);
  return ok();
}

function withoutDashes(flag: string): string {
  return flag.startsWith("--") ? flag.substring(2) : flag;
}

/** A sorted copy, by UTF-16 code unit as JavaScript's default sort (and Go's for ASCII). */
function sortedStrings(items: string[]): string[] {
  const copy = items.slice(0);
  copy.sort((a: string, b: string): i32 => (a < b ? -1 : a > b ? 1 : 0));
  return copy;
}
