import type { ReportSection } from "../../sdk/triggers/report";
import { fail } from "./errors";
import { terminalText } from "./terminal-text";
import type { Output } from "./output";

/**
 * A plugin's report on one app (or --global), as Dokku lays it out.
 * `entries` maps the full flag (`--app-locked`) to its value.
 */
export interface Report {
  /** `app` for apps:report, `config`, `ssh-keys`, ... : the `--<type>-` flag prefix. */
  readonly type: string;
  /** The app name, or `--global`. */
  readonly target: string;
  readonly entries: Readonly<Record<string, string>>;
  /**
   * Whether `--format json` also carries the legacy `<type>-<property>` keys beside the trimmed
   * ones. Dokku emits them for some plugins (apps, ps, proxy ...) and not for others (certs,
   * checks, domains, git, nginx, builder-dockerfile); default true.
   */
  readonly legacyKeys?: boolean;
  /** Whether stdout labels start with a capital (`Web limit memory:`); Dokku's resource report does not. Default true. */
  readonly upperFirst?: boolean;
}

export type ReportFormat = "stdout" | "json";

const MIN_KEY_WIDTH = 31;

/** Aligned `Key:  value` lines under the heading text, without prefixes. Pure. */
export function reportLines(report: Report): string[] {
  const flags = Object.keys(report.entries).sort();
  const width = Math.max(MIN_KEY_WIDTH, ...flags.map((flag) => flag.length));
  return flags.map((flag) => {
    const words = flag.replace(/^--/, "").replaceAll("-", " ").replaceAll(".", " ");
    const label = report.upperFirst === false ? words : upperFirst(words);
    return `${`${label}:`.padEnd(width)}${report.entries[flag]}`;
  });
}

/** The flat JSON object: keys without `--<type>-`, plus the legacy `<type>-<property>` keys. Pure. */
export function reportJson(report: Report): string {
  const data: Record<string, string> = {};
  const prefix = `--${report.type}-`;
  for (const flag of Object.keys(report.entries).sort()) {
    const value = report.entries[flag] as string;
    if (!flag.startsWith(prefix)) {
      data[flag.replace(/^--/, "")] = value;
      continue;
    }
    data[flag.slice(prefix.length)] = value;
    if (report.legacyKeys !== false) data[flag.replace(/^--/, "")] = value;
  }
  // Dokku marshals a Go map: keys come out sorted, trimmed and legacy ones interleaved.
  return JSON.stringify(Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** One raw value for `--<type>-<property>`, or the Dokku error listing valid flags. Pure. */
export function reportValue(report: Report, flag: string): string {
  const value = report.entries[flag];
  if (value === undefined) {
    fail(`Invalid flag passed, valid flags: ${Object.keys(report.entries).sort().join(", ")}`);
  }
  return value;
}

export function printReport(out: Output, report: Report, options: { format?: string; flag?: string } = {}): void {
  const format = parseFormat(options.format);
  if (options.flag !== undefined) {
    if (format === "json") fail("--format flag cannot be specified when specifying an info flag");
    out.print(reportValue(report, options.flag));
    return;
  }
  if (format === "json") {
    out.print(reportJson(report));
    return;
  }
  out.heading(`${report.target} ${report.type} information`);
  for (const line of reportLines(report)) out.print(`       ${line}`);
}

/** A report as the `report` trigger carries it: flags without their leading dashes, sorted. Pure. */
export function toReportSection(report: Report): ReportSection {
  return {
    namespace: report.type,
    entries: Object.keys(report.entries)
      .sort()
      .map((flag) => ({ flag: flag.replace(/^--/, ""), value: report.entries[flag] as string })),
  };
}

/**
 * A section from the `report` trigger back into a printable report on `target`. A WASM plugin
 * may have written it: its texts lose escape sequences and controls (terminalText). Pure.
 */
export function fromReportSection(section: ReportSection, target: string): Report {
  const entries: Record<string, string> = {};
  for (const { flag, value } of section.entries) entries[`--${terminalText(flag)}`] = terminalText(value);
  return { type: terminalText(section.namespace), target, entries };
}

export function parseFormat(format: string | undefined): ReportFormat {
  if (format === undefined || format === "" || format === "stdout") return "stdout";
  if (format === "json") return "json";
  return fail(`Invalid --format value specified: ${format}. Valid values: stdout, json`);
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
