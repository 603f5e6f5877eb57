import { fail } from "../core/errors";

/** Process type -> how many containers, in the order given. */
export type Scale = ReadonlyArray<readonly [processType: string, quantity: number]>;

/**
 * `web=2 worker=1` as Dokku's parseProcessTuples reads them: a missing `=` or a count that is
 * not a whole number >= 0 is refused; a repeated process type keeps its first count. Pure.
 */
export function parseScaleTuples(tuples: readonly string[]): Scale {
  const scale: Array<[string, number]> = [];
  for (const tuple of tuples) {
    const at = tuple.indexOf("=");
    if (at < 0) fail(`Missing count for process type ${tuple}`, "invalid-scale");
    const processType = tuple.slice(0, at).trim();
    const count = tuple.slice(at + 1).trim();
    if (processType === "" || !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(processType))
      fail(`Invalid process type ${processType}`, "invalid-scale");
    if (!/^\d+$/.test(count)) fail(`Invalid count for process type ${processType}`, "invalid-scale");
    if (scale.some(([known]) => known === processType)) continue;
    scale.push([processType, Number(count)]);
  }
  return scale;
}

/** The stored `scale` property (one `proc=N` per line, Dokku's format) back into a Scale; bad lines are skipped. Pure. */
export function scaleFromLines(lines: readonly string[]): Scale {
  const scale: Array<[string, number]> = [];
  for (const line of lines) {
    const match = /^([^=]+)=(\d+)$/.exec(line.trim());
    if (match && !scale.some(([known]) => known === match[1])) scale.push([match[1] as string, Number(match[2])]);
  }
  return scale;
}

export function scaleToLines(scale: Scale): string[] {
  return scale.map(([processType, quantity]) => `${processType}=${quantity}`);
}

/** `updates` over `current`: updated types take the new count, the others keep theirs; sorted by type. Pure. */
export function mergeScale(current: Scale, updates: Scale): Scale {
  const merged = new Map(current);
  for (const [processType, quantity] of updates) merged.set(processType, quantity);
  return sortScale([...merged]);
}

export function sortScale(scale: Scale): Scale {
  return [...scale].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Which process types of `updates` may not be scaled up: not in a release's Procfile (when it has one). Pure. */
export function unknownProcessTypes(updates: Scale, processes: Readonly<Record<string, string>>): string[] {
  if (Object.keys(processes).length === 0) return [];
  return updates
    .filter(([processType, quantity]) => quantity !== 0 && !(processType in processes))
    .map(([processType]) => processType);
}

export interface FormationInput {
  /** The release's Procfile; empty when the image's CMD is `web`. */
  readonly processes: Readonly<Record<string, string>>;
  /** app.json `formation`. */
  readonly appJsonFormation?: Readonly<Record<string, { readonly quantity?: number }>>;
  /** The stored `ps:scale` values. */
  readonly stored: Scale;
}

/**
 * How many containers of each type a release runs, as Dokku decides: app.json `formation`
 * quantities when any is given (every other Procfile type 0); else the stored scale; a type
 * with no count is 0, except `web` which starts at 1. Sorted by type. Pure.
 */
export function computeFormation(input: FormationInput): Record<string, number> {
  const procfileTypes = Object.keys(input.processes);
  const fromAppJson = Object.entries(input.appJsonFormation ?? {}).filter(([, entry]) => entry.quantity !== undefined);
  const counts = new Map<string, number>();
  if (fromAppJson.length > 0) {
    for (const [processType, entry] of fromAppJson) counts.set(processType, entry.quantity as number);
  } else {
    for (const [processType, quantity] of input.stored) counts.set(processType, quantity);
    if (!counts.has("web") && (procfileTypes.length === 0 || procfileTypes.includes("web"))) counts.set("web", 1);
  }
  for (const processType of procfileTypes) if (!counts.has(processType)) counts.set(processType, 0);
  return Object.fromEntries(sortScale([...counts]));
}

/** Whether app.json's `formation` sets any quantity: `ps:scale` is then refused. Pure. */
export function appJsonManagesScale(
  formation: Readonly<Record<string, { readonly quantity?: number }>> | undefined,
): boolean {
  return Object.values(formation ?? {}).some((entry) => entry.quantity !== undefined);
}

/** The `ps:scale <app>` table as Dokku prints it (headers left out when quiet). Pure. */
export function scaleTable(scale: Scale, quiet: boolean): string[] {
  const rows: Array<[string, string]> = quiet
    ? []
    : [
        ["proctype", "qty"],
        ["--------", "---"],
      ];
  for (const [processType, quantity] of scale) rows.push([processType, String(quantity)]);
  return rows.map(([left, right]) => `${`${left}:`.padEnd(5)} ${right}`);
}

/** `ps:scale --format json`: `[{"process_type":"web","quantity":1}]`. Pure. */
export function scaleJson(scale: Scale): string {
  return JSON.stringify(scale.map(([processType, quantity]) => ({ process_type: processType, quantity })));
}
