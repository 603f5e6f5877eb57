import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { resourceProperties } from "./properties";

/**
 * The resource report of an app or of --global, as Dokku's: one `--resource-<type>.<kind>.<key>`
 * flag per stored property (`resource web limit memory: 512m`), keys not capitalised.
 */
export function resourceReport(ctx: Pick<Context, "store">, target: string): Report {
  const entries: Record<string, string> = {};
  for (const [property, value] of Object.entries(resourceProperties(ctx, target)))
    entries[`--resource-${property}`] = value;
  return { type: "resource", target, entries, upperFirst: false };
}
