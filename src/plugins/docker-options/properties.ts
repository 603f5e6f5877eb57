import type { Context } from "../../core/context";
import { DEFAULT_PROCESS, PHASES, type DockerOptionPhase } from "../../builders/docker-options-parse";

export const DOCKER_OPTIONS_PLUGIN = "docker-options";

type Store = Pick<Context, "store">;

/** `<process>.<phase>`: Dokku's property name for one scope's list of options. */
export function optionsKey(processType: string, phase: DockerOptionPhase): string {
  return `${processType}.${phase}`;
}

/** The options stored for a process type (or `_default_`) and phase, in stored order, blank lines dropped. */
export function storedOptions(ctx: Store, app: string, processType: string, phase: DockerOptionPhase): string[] {
  return ctx.store
    .getList(DOCKER_OPTIONS_PLUGIN, app, optionsKey(processType, phase))
    .map((option) => option.trim())
    .filter((option) => option !== "");
}

/** Writes a scope's options sorted as Dokku does; an empty list removes the property. */
export function writeOptions(
  ctx: Store,
  app: string,
  processType: string,
  phase: DockerOptionPhase,
  options: readonly string[],
): void {
  const key = optionsKey(processType, phase);
  if (options.length === 0) ctx.store.delete(DOCKER_OPTIONS_PLUGIN, app, key);
  else ctx.store.setList(DOCKER_OPTIONS_PLUGIN, app, key, [...options].sort(byteOrder));
}

/** Process types (not `_default_`) with options of their own, sorted (Dokku's ListProcessTypesWithOptions). */
export function processTypesWithOptions(ctx: Store, app: string): string[] {
  const types = new Set<string>();
  for (const key of Object.keys(ctx.store.getAll(DOCKER_OPTIONS_PLUGIN, app))) {
    const dot = key.lastIndexOf(".");
    const phase = key.slice(dot + 1);
    if (dot <= 0 || !(PHASES as readonly string[]).includes(phase)) continue;
    const processType = key.slice(0, dot);
    if (processType !== DEFAULT_PROCESS) types.add(processType);
  }
  return [...types].sort(byteOrder);
}

/** Go's sort.Strings order. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
