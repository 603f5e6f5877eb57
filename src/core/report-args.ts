import { fail } from "./errors";

/** What a `<ns>:report` command line asks for. */
export interface ReportArgs {
  readonly app?: string;
  readonly global: boolean;
  readonly format?: string;
  readonly infoFlag?: string;
}

/**
 * Reads `<ns>:report [<app>|--global] [--format stdout|json] [--<type>-<property>]` the way
 * Dokku's ParseReportArgs does: `--format` takes a value, `--global` picks the global scope,
 * any other `--flag` is the one info flag, the first other word is the app. Pure.
 */
export function parseReportArgs(rawArgs: readonly string[], namespace: string): ReportArgs {
  let app: string | undefined;
  let global = false;
  let format: string | undefined;
  const infoFlags: string[] = [];
  for (let index = 0; index < rawArgs.length; index++) {
    const arg = rawArgs[index] as string;
    if (arg === "--format") {
      format = rawArgs[++index];
      if (format === undefined) fail("--format requires a value: stdout or json");
    } else if (arg.startsWith("--format=")) format = arg.slice("--format=".length);
    else if (arg === "--global") global = true;
    else if (arg.startsWith("--")) infoFlags.push(arg);
    else app ??= arg;
  }
  if (infoFlags.length > 1) fail(`${namespace}:report command allows only a single flag`);
  return { app, global, format, infoFlag: infoFlags[0] };
}

/** The app a report command line names: none with --global. Pure. */
export function reportApp(args: ReportArgs): string | undefined {
  return args.global ? undefined : args.app;
}
