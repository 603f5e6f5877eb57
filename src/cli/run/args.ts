import { fail } from "../../core/errors";

export interface RunArgs {
  readonly app?: string;
  readonly env: string[];
  readonly tty: "auto" | "no" | "force";
  readonly ttlSeconds: number;
  readonly command: string[];
}

/**
 * `run [-e K=V]... [--no-tty|--force-tty] [--ttl-seconds N] <app> [--] <cmd...>` as Dokku's
 * fn-run reads it: options until the first other word, which is the app; the same options are
 * also taken right after the app; the rest is the command, untouched (its own flags included). Pure.
 */
export function parseRunArgs(raw: readonly string[]): RunArgs {
  const env: string[] = [];
  let tty: RunArgs["tty"] = "auto";
  let ttl = "86400";
  let index = 0;
  const value = (flag: string): string => {
    const next = raw[++index];
    if (next === undefined || next === "") fail(`expected ${flag} to have an argument`);
    return next;
  };
  const options = () => {
    for (; index < raw.length; index++) {
      const arg = raw[index] as string;
      if (arg === "--no-tty") tty = tty === "force" ? fail("Cannot specify both --force-tty and --no-tty") : "no";
      else if (arg === "--force-tty")
        tty = tty === "no" ? fail("Cannot specify both --force-tty and --no-tty") : "force";
      else if (arg === "-e" || arg === "--env") env.push(value(arg));
      else if (arg.startsWith("-e=") || arg.startsWith("--env=")) env.push(arg.slice(arg.indexOf("=") + 1));
      else if (arg === "--ttl-seconds") ttl = value(arg);
      else if (arg.startsWith("--ttl-seconds=")) ttl = arg.slice("--ttl-seconds=".length);
      else break;
    }
  };
  options();
  const app = raw[index++];
  // also accepted right after the app (`run <app> -e K=V cmd`); `--` ends the options
  options();
  if (!/^\d+$/.test(ttl)) fail("--ttl-seconds must be a positive integer");
  const rest = raw.slice(index);
  const command = rest[0] === "--" ? rest.slice(1) : rest;
  return { app, env, tty, ttlSeconds: Number(ttl), command: [...command] };
}
