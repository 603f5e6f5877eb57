import { terminalText } from "../core/terminal-text";
import type { DokkuCommand } from "./define-command";
import { usageLine } from "./define-command";
import type { Namespace } from "./namespace";

/**
 * Lines of two columns, aligned as Dokku's `column -t -s,` does, with a 4-space indent. A
 * plugin's commands and descriptions are among the cells: they are shown without escape
 * sequences or controls (terminalText). Pure.
 */
export function columns(rows: readonly (readonly [string, string])[]): string {
  const shown = rows.map(([left, right]) => [terminalText(left), terminalText(right)] as const);
  const width = Math.max(0, ...shown.map(([left]) => left.length));
  return shown.map(([left, right]) => `    ${left.padEnd(width)}  ${right}`.trimEnd()).join("\n");
}

const GLOBAL_USAGE = "Usage: dokku [--quiet|--trace|--force|--safe-mode] COMMAND <app> [command-specific-options]";
const PRIMARY_HINT =
  'Primary help options, type "dokku COMMAND:help" for more details, or dokku help --all to see all commands.';

/** `dokku help`: namespaces with their descriptions; with --all, every command. Pure. */
export function renderHelp(
  namespaces: readonly Namespace[],
  all: readonly (readonly [string, string])[] | undefined,
): string {
  const rows =
    all ?? [...namespaces].sort((a, b) => a.name.localeCompare(b.name)).map((ns) => [ns.name, ns.description] as const);
  return [GLOBAL_USAGE, "", PRIMARY_HINT, "", "Commands:", "", columns(rows)].join("\n");
}

/** One help row per visible command: `apps:create <app>` and its description. Pure. */
export function commandRows(commands: readonly DokkuCommand[]): (readonly [string, string])[] {
  return commands
    .filter((command) => !command.meta.hidden)
    .map((command) => [`${command.meta.name} ${usageLine(command)}`.trimEnd(), command.meta.description] as const)
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/** `dokku apps:help`. Pure. */
export function renderNamespaceHelp(namespace: Namespace, commands: readonly DokkuCommand[]): string {
  return [
    `Usage: dokku ${namespace.name}[:COMMAND]`,
    "",
    terminalText(namespace.description),
    "",
    "Additional commands:",
    columns(commandRows(commands)),
  ].join("\n");
}

/** `dokku apps:create --help`. Pure. */
export function renderCommandHelp(command: DokkuCommand): string {
  const lines = [
    terminalText(`Usage: dokku ${command.meta.name} ${usageLine(command)}`.trimEnd()),
    "",
    terminalText(command.meta.description),
  ];
  const options = Object.entries(command.args ?? {}).filter(([, def]) => def.type !== "positional" && def.description);
  if (options.length > 0) {
    lines.push("", "Options:", columns(options.map(([name, def]) => [`--${name}`, def.description ?? ""] as const)));
  }
  return lines.join("\n");
}
