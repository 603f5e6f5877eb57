import { fail } from "./errors";

/**
 * Bounds on an app's environment, with headroom below what Docker 20.10 and the kernel accept
 * (measured here through dockerode 5, the client every Docker call goes through):
 * - dockerode sends a container's create options in the request's query string as well as in
 *   its JSON body, and the engine refuses a request line over 1 MiB (Go's MaxHeaderBytes, plus
 *   4 KiB) with `431 Request Header Fields Too Large`; URL-encoding turns a byte into up to 3.
 * - the kernel will not exec a process given one `KEY=value` string of 128 KiB or more
 *   (MAX_ARG_STRLEN): the container is created, then dies with `argument list too long`; nor an
 *   environment and arguments over ARG_MAX (2 MiB with the default 8 MiB stack).
 * Counted in UTF-8 bytes; the total counts each variable as `KEY=value`.
 */
export interface EnvBounds {
  readonly keyBytes: number;
  readonly valueBytes: number;
  readonly vars: number;
  readonly totalBytes: number;
}

/** What config:set, config:import and every other config write accept for one app (its own vars and the global ones). */
export const CONFIG_BOUNDS: EnvBounds = { keyBytes: 256, valueBytes: 64 * 1024, vars: 1000, totalBytes: 256 * 1024 };

/**
 * What a container's environment may hold: the app's config and what the deploy adds to it
 * (DYNO, PORT, plugins' and docker-options' env, `run -e`). Three times the total plus the
 * create request's other fields stays under Docker's 1 MiB; one value stays far under 128 KiB.
 */
export const CONTAINER_ENV_BOUNDS: EnvBounds = {
  ...CONFIG_BOUNDS,
  vars: CONFIG_BOUNDS.vars + 100,
  totalBytes: CONFIG_BOUNDS.totalBytes + 16 * 1024,
};

export type EnvBoundsProblem =
  | { readonly kind: "key"; readonly key: string; readonly bytes: number; readonly bound: number }
  | { readonly kind: "value"; readonly key: string; readonly bytes: number; readonly bound: number }
  | { readonly kind: "vars"; readonly count: number; readonly bound: number }
  | { readonly kind: "total"; readonly bytes: number; readonly bound: number };

/** The first bound `env` breaks (a key, a value, then the count, then the total); undefined within them. Pure. */
export function envBoundsProblem(
  env: Iterable<readonly [string, string]>,
  bounds: EnvBounds,
): EnvBoundsProblem | undefined {
  let count = 0;
  let total = 0;
  for (const [key, value] of env) {
    const keyBytes = Buffer.byteLength(key, "utf8");
    if (keyBytes > bounds.keyBytes) return { kind: "key", key, bytes: keyBytes, bound: bounds.keyBytes };
    const valueBytes = Buffer.byteLength(value, "utf8");
    if (valueBytes > bounds.valueBytes) return { kind: "value", key, bytes: valueBytes, bound: bounds.valueBytes };
    count++;
    total += keyBytes + 1 + valueBytes;
  }
  if (count > bounds.vars) return { kind: "vars", count, bound: bounds.vars };
  if (total > bounds.totalBytes) return { kind: "total", bytes: total, bound: bounds.totalBytes };
  return undefined;
}

/** The one-line refusal; `whole` names the environment (`Config of shop (its own and the global vars)`) for the count and total. Pure. */
export function envBoundsMessage(problem: EnvBoundsProblem, whole: string): string {
  switch (problem.kind) {
    case "key":
      return `Key ${preview(problem.key)} is ${problem.bytes} bytes; config keys are limited to ${problem.bound} bytes`;
    case "value":
      return `Value of ${preview(problem.key)} is ${problem.bytes} bytes; config values are limited to ${problem.bound} bytes`;
    case "vars":
      return `${whole} has ${problem.count} vars; the limit is ${problem.bound}`;
    case "total":
      return `${whole} is ${problem.bytes} bytes (KEY=value, all together); the limit is ${problem.bound} bytes`;
  }
}

/** Refuses `env` past CONFIG_BOUNDS, in one line naming what broke it. Pure. */
export function assertConfigBounds(env: Iterable<readonly [string, string]>, whole: string): void {
  const problem = envBoundsProblem(env, CONFIG_BOUNDS);
  if (problem) fail(envBoundsMessage(problem, whole), "config-too-large");
}

/**
 * Refuses a container's `Env` (`KEY=value` lines) past CONTAINER_ENV_BOUNDS, before Docker
 * answers 431 or the process fails to start: every path that creates a container with an
 * app's environment calls this on the final spec. Pure.
 */
export function assertContainerEnv(lines: readonly string[] | undefined, app: string | undefined): void {
  const problem = envBoundsProblem(envLinePairs(lines ?? []), CONTAINER_ENV_BOUNDS);
  if (problem)
    fail(
      envBoundsMessage(problem, `The environment of ${app === undefined ? "a container" : `a ${app} container`}`),
      "config-too-large",
    );
}

/** `KEY=value` lines as pairs, split at the first `=` (a line without one is a key alone). Pure. */
export function envLinePairs(lines: readonly string[]): Array<[string, string]> {
  return lines.map((line) => {
    const equals = line.indexOf("=");
    return equals < 0 ? [line, ""] : [line.slice(0, equals), line.slice(equals + 1)];
  });
}

/** A key as a message shows it: whole up to 64 characters, else its start. Pure. */
function preview(key: string): string {
  return key.length <= 64 ? key : `${key.slice(0, 64)}...`;
}
