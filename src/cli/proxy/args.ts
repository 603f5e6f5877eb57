import { fail } from "../../core/errors";
import type { ProxyTargets } from "../../plugins/proxy/toggle";

/** `[--parallel count] [--all|<app>]`, shared by the proxy commands. */
export const PROXY_TARGET_ARGS = {
  app: { type: "positional", required: false },
  all: { type: "boolean", description: "every app" },
  parallel: { type: "string", valueHint: "count", description: "how many apps at once; -1 for the CPU count" },
} as const;

/** The targets from parsed args; --parallel must be a whole number (or -1). Pure. */
export function proxyTargetsOf(args: { app?: string; all?: boolean; parallel?: string }): ProxyTargets {
  const raw = args.parallel ?? "0";
  if (!/^-?\d+$/.test(raw)) fail(`Invalid value ${raw} for --parallel flag`);
  return { app: args.app, all: args.all === true, parallel: Number(raw) };
}
