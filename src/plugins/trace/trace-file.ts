import { readFileSync, rmSync } from "node:fs";
import type { Context } from "../../core/context";
import type { Paths } from "../../core/paths";
import { atomicWriteFileSync } from "../../store/atomic-write";
import { GLOBAL, type PropertyStore } from "../../store/property-store";

/**
 * Trace mode as Dokku keeps it: the file `$DOKKU_ROOT/.dokkurc/DOKKU_TRACE` holding
 * `export DOKKU_TRACE=1`, which Dokku sources before every command. trace:on writes it,
 * trace:off removes it; runtime/create-context reads it (with --trace and DOKKU_TRACE=1).
 */
export function traceFilePath(paths: Pick<Paths, "dokkuRoot">): string {
  return `${paths.dokkuRoot}/.dokkurc/DOKKU_TRACE`;
}

export const TRACE_FILE_TEXT = "export DOKKU_TRACE=1\n";

/** Our earlier place for it: the property `trace/--global/enabled`, moved to the file on the next command. */
function legacyValue(store: PropertyStore): string | undefined {
  return store.get("trace", GLOBAL, "enabled");
}

function deleteLegacy(store: PropertyStore): void {
  store.delete("trace", GLOBAL, "enabled");
}

/**
 * Whether the file turns tracing on as sourcing it would: a line setting DOKKU_TRACE to a
 * non-empty value (`[[ $DOKKU_TRACE ]]` in Dokku); an empty file (as `touch` leaves it) does not. Pure.
 */
export function traceFileSetsTrace(text: string): boolean {
  let on = false;
  for (const line of text.split("\n")) {
    const match = /^\s*(?:export\s+)?DOKKU_TRACE=(.*?)\s*$/.exec(line);
    if (match) on = unquote(match[1] as string) !== "";
  }
  return on;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? (quoted[2] as string) : value;
}

/** Whether trace:on is in effect: the file, or the legacy property not yet moved. */
export function isTraceOn(paths: Pick<Paths, "dokkuRoot">, store: PropertyStore): boolean {
  let text: string | undefined;
  try {
    text = readFileSync(traceFilePath(paths), "utf8");
  } catch {
    text = undefined;
  }
  if (text !== undefined && traceFileSetsTrace(text)) return true;
  return legacyValue(store) === "true";
}

/**
 * trace:on / trace:off: writes or removes the file (owned by the state owner), and the rest of
 * the command traces or not (DOKKU_TRACE=1 in the environment still traces after trace:off).
 */
export function setTraceEnabled(
  ctx: Pick<Context, "paths" | "owner" | "out" | "store" | "env">,
  enabled: boolean,
): void {
  if (enabled) atomicWriteFileSync(traceFilePath(ctx.paths), TRACE_FILE_TEXT, { mode: 0o644, owner: ctx.owner });
  else rmSync(traceFilePath(ctx.paths), { force: true });
  deleteLegacy(ctx.store);
  ctx.out.setTracing(enabled || ctx.env.DOKKU_TRACE === "1");
}

/**
 * Moves the legacy property to the file: the file is written first, then the property removed,
 * so a kill between the two leaves trace on either way and the next command finishes the move.
 */
export function migrateTraceProperty(ctx: Pick<Context, "paths" | "owner" | "store">): void {
  const legacy = legacyValue(ctx.store);
  if (legacy === undefined) return;
  if (legacy === "true")
    atomicWriteFileSync(traceFilePath(ctx.paths), TRACE_FILE_TEXT, { mode: 0o644, owner: ctx.owner });
  deleteLegacy(ctx.store);
}
