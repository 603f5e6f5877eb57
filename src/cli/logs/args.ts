import { fail } from "../../core/errors";

export interface LogsArgs {
  readonly app?: string;
  readonly num: number;
  readonly processType?: string;
  readonly follow: boolean;
  readonly raw: boolean;
}

/** `logs [-t|--tail] [-n|--num N] [-p|--ps proc] [-q|--quiet] <app>`, flags anywhere (pflag style). Pure. */
export function parseLogsArgs(raw: readonly string[]): LogsArgs {
  let app: string | undefined;
  let num = "100";
  let processType: string | undefined;
  let follow = false;
  let quiet = false;
  for (let index = 0; index < raw.length; index++) {
    const arg = raw[index] as string;
    const value = () => {
      const next = raw[++index];
      if (next === undefined) fail(`flag needs an argument: ${arg}`);
      return next;
    };
    if (arg === "-t" || arg === "--tail") follow = true;
    else if (arg === "-q" || arg === "--quiet") quiet = true;
    else if (arg === "-n" || arg === "--num") num = value();
    else if (arg.startsWith("--num=")) num = arg.slice("--num=".length);
    else if (arg === "-p" || arg === "--ps") processType = value();
    else if (arg.startsWith("--ps=")) processType = arg.slice("--ps=".length);
    else if (arg.startsWith("-") && arg !== "-") fail(`unknown flag: ${arg}`);
    else app ??= arg;
  }
  if (!/^\d+$/.test(num)) fail(`invalid argument "${num}" for "-n, --num" flag: must be a whole number`);
  return { app, num: Number(num), processType, follow, raw: quiet };
}
