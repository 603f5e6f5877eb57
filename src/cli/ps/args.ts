import { fail } from "../../core/errors";
import type { Targets } from "../../plugins/ps/lifecycle";

/** Shared arg definitions of `ps:start|stop|restart|restore [--parallel N] [--all|<app>]`. */
export const TARGET_ARGS = {
  app: { type: "positional", required: false },
  all: { type: "boolean", description: "every app" },
  parallel: { type: "string", valueHint: "count", description: "how many apps at once; -1 for the CPU count" },
} as const;

/** The targets from parsed args; --parallel must be a whole number (or -1). Pure. */
export function targetsOf(args: { app?: string; all?: boolean; parallel?: string }): Targets {
  const raw = args.parallel ?? "0";
  if (!/^-?\d+$/.test(raw)) fail(`Invalid value ${raw} for --parallel flag`);
  return { app: args.app, all: args.all === true, parallel: Number(raw) };
}
