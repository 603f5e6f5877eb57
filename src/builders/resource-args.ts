import { fail } from "../core/errors";
import {
  DEFAULT_PROCESS_TYPE,
  RESOURCE_KEYS,
  isValidProcessType,
  resourceValueProblem,
  type ResourceKey,
} from "./resource-values";

/** What `resource:limit|reserve|limit-clear|reserve-clear` were asked. */
export interface ResourceCommandArgs {
  readonly app: string | undefined;
  /** `_default_` unless `--process-type` named one. */
  readonly processType: string;
  /** Whether `--process-type` was given (limit-clear without it clears every type). */
  readonly processTypeGiven: boolean;
  /** The resource flags given, in Dokku's key order; empty for the clear commands. */
  readonly values: ReadonlyArray<readonly [ResourceKey, string]>;
}

/**
 * Reads the words after the command as Dokku's pflag set does: `--flag value` or `--flag=value`
 * anywhere, the first other word is the app. `withValues` accepts the resource flags
 * (`--cpu`, `--memory` ...). Refuses an unknown flag, a flag without its value, a second app,
 * a bad process type and a value docker could not take. Pure.
 */
export function parseResourceArgs(rawArgs: readonly string[], withValues: boolean): ResourceCommandArgs {
  const known = new Set<string>(["process-type", ...(withValues ? RESOURCE_KEYS : [])]);
  const given = new Map<string, string>();
  const positionals: string[] = [];
  for (let index = 0; index < rawArgs.length; index++) {
    const word = rawArgs[index] as string;
    if (!word.startsWith("-") || word === "-") {
      positionals.push(word);
      continue;
    }
    const body = word.replace(/^--?/, "");
    const equals = body.indexOf("=");
    const name = equals === -1 ? body : body.slice(0, equals);
    if (!known.has(name)) fail(`unknown flag: ${word.startsWith("--") ? `--${name}` : word}`, "usage");
    let value: string | undefined = equals === -1 ? undefined : body.slice(equals + 1);
    if (value === undefined) {
      value = rawArgs[index + 1];
      if (value === undefined) fail(`flag needs an argument: --${name}`, "usage");
      index++;
    }
    given.set(name, value);
  }
  if (positionals.length > 1) fail(`Only one app may be given, got: ${positionals.join(" ")}`, "usage");
  const processType = given.get("process-type") ?? DEFAULT_PROCESS_TYPE;
  if (!isValidProcessType(processType))
    fail(`Invalid process type specified: ${JSON.stringify(processType)}`, "invalid-process-type");
  const values: Array<readonly [ResourceKey, string]> = [];
  for (const key of RESOURCE_KEYS) {
    const value = given.get(key);
    if (value === undefined) continue;
    const problem = resourceValueProblem(key, value);
    if (problem) fail(problem, "invalid-resource");
    values.push([key, value]);
  }
  return { app: positionals[0], processType, processTypeGiven: given.has("process-type"), values };
}
