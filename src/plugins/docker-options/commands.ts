import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import {
  checkOption,
  DEFAULT_PROCESS,
  parsePhases,
  PHASES,
  sameOption,
  splitOptionText,
  type DockerOptionPhase,
  unusedPhaseWarning,
} from "../../builders/docker-options-parse";
import { withAppLock } from "../../store/app-lock";
import { currentRelease } from "../release/release-store";
import { DOCKER_OPTIONS_PLUGIN, optionsKey, storedOptions, writeOptions } from "./properties";

/** `--process P` flags before the app (pflag without interspersed flags), and the words after them. Pure. */
export function leadingProcesses(rawArgs: readonly string[]): { processes: string[]; rest: string[] } {
  const processes: string[] = [];
  let index = 0;
  for (; index < rawArgs.length; index++) {
    const word = rawArgs[index] as string;
    if (word === "--") return { processes, rest: rawArgs.slice(index + 1) };
    if (word === "--process") {
      const value = rawArgs[++index];
      if (value === undefined) fail("flag needs an argument: --process", "usage");
      processes.push(value);
    } else if (word.startsWith("--process=")) processes.push(word.slice("--process=".length));
    else if (word.length > 1 && word.startsWith("-")) fail(`unknown flag: ${word}`, "usage");
    else break;
  }
  return { processes, rest: rawArgs.slice(index) };
}

/** Refuses `--process` values Dokku refuses (and names our store cannot hold), and phases other than deploy. Pure. */
export function checkProcesses(processes: readonly string[], phases: readonly DockerOptionPhase[]): string[] {
  const unique = [...new Set(processes)];
  if (unique.length === 0) return unique;
  for (const processType of unique) {
    if (processType === "") fail("--process value must not be empty");
    if (processType === DEFAULT_PROCESS)
      fail(`"${DEFAULT_PROCESS}" is reserved and cannot be used as a --process value`);
    if (!/^[A-Za-z0-9_-]+$/.test(processType)) fail(`Invalid process type name '${processType}'`);
  }
  const other = phases.find((phase) => phase !== "deploy");
  if (other !== undefined) fail(`--process is only supported for the deploy phase, got "${other}"`);
  return unique;
}

interface Change {
  readonly app: string;
  readonly phases: DockerOptionPhase[];
  readonly processes: string[];
  readonly options: string[];
}

function readChange(ctx: Context, rawArgs: readonly string[], verb: "add" | "remove"): Change {
  const { processes: flagged, rest } = leadingProcesses(rawArgs);
  const [appArg, phasesArg, ...parts] = rest;
  const app = verifyApp(ctx, appArg);
  const phases = phasesArg === undefined ? [] : parsePhases(phasesArg);
  const { options, processes: lifted } = splitOptionText(parts.join(" "));
  if (options.length === 0)
    fail(
      verb === "add"
        ? "Please specify docker options to add to the phase"
        : "Please specify docker options to remove from the phase",
    );
  return { app, phases, processes: checkProcesses([...flagged, ...lifted], phases), options };
}

async function update(ctx: Context, change: Change, edit: (stored: string[]) => string[]): Promise<void> {
  const scopes = change.processes.length > 0 ? change.processes : [DEFAULT_PROCESS];
  await withAppLock(ctx, change.app, () => {
    for (const scope of scopes) {
      for (const phase of change.phases)
        writeOptions(ctx, change.app, scope, phase, edit(storedOptions(ctx, change.app, scope, phase)));
    }
  });
}

/** `docker-options:add [--process P...] <app> <phase(s)> OPTION...`: each option checked for every phase, then stored once. */
export async function addDockerOptions(ctx: Context, rawArgs: readonly string[]): Promise<void> {
  const change = readChange(ctx, rawArgs, "add");
  const checked = change.options.map((option) => checkOption(option, change.phases));
  for (const one of checked) if (one.unused.length > 0) ctx.out.warn(unusedPhaseWarning(one));
  const declared = currentRelease(ctx, change.app)?.processes;
  for (const processType of change.processes) {
    if (declared && !Object.hasOwn(declared, processType))
      ctx.out.warn(`Process type "${processType}" is not declared in the Procfile for ${change.app}`);
  }
  await update(ctx, change, (stored) => {
    const added = [...stored];
    for (const option of change.options)
      if (!added.some((existing) => sameOption(existing, option))) added.push(option);
    return added;
  });
}

/** `docker-options:remove [--process P...] <app> <phase(s)> OPTION...`: stored options with the same words go. */
export async function removeDockerOptions(ctx: Context, rawArgs: readonly string[]): Promise<void> {
  const change = readChange(ctx, rawArgs, "remove");
  await update(ctx, change, (stored) =>
    stored.filter((existing) => !change.options.some((option) => sameOption(existing, option))),
  );
}

/** `docker-options:clear [--process P...] <app> [<phase(s)>]`: Dokku's messages, one per phase cleared. */
export async function clearDockerOptions(ctx: Context, rawArgs: readonly string[]): Promise<void> {
  const { processes: flagged, rest } = leadingProcesses(rawArgs);
  const [appArg, phasesArg] = rest;
  const app = verifyApp(ctx, appArg);
  const given = phasesArg === undefined || phasesArg === "" ? undefined : parsePhases(phasesArg);
  const processes = checkProcesses(flagged, given ?? ["deploy"]);
  const clear = (scope: string, phase: DockerOptionPhase) =>
    ctx.store.delete(DOCKER_OPTIONS_PLUGIN, app, optionsKey(scope, phase));
  await withAppLock(ctx, app, () => {
    if (processes.length > 0) {
      for (const processType of processes) {
        for (const phase of given ?? ["deploy"]) {
          ctx.out.step(`Clearing docker-options for ${app} on phase ${phase} for process ${processType}`);
          clear(processType, phase);
        }
      }
    } else if (given === undefined) {
      ctx.out.step(`Clearing docker-options for ${app} on all phases`);
      for (const phase of PHASES) clear(DEFAULT_PROCESS, phase);
    } else {
      for (const phase of given) {
        ctx.out.step(`Clearing docker-options for ${app} on phase ${phase}`);
        clear(DEFAULT_PROCESS, phase);
      }
    }
  });
}

/** `docker-options:list <app> [--process P] --phase PHASE`: one stored option per line. */
export function listDockerOptions(
  ctx: Context,
  appArg: string | undefined,
  processType: string | undefined,
  phase: string | undefined,
): void {
  const app = verifyApp(ctx, appArg);
  if (phase === undefined || phase === "") fail("--phase is required");
  if (!(PHASES as readonly string[]).includes(phase)) fail(`Phase must be one of [${PHASES.join(" ")}]`);
  const scope =
    processType === undefined || processType === ""
      ? DEFAULT_PROCESS
      : checkProcesses([processType], [phase as DockerOptionPhase])[0];
  for (const option of storedOptions(ctx, app, scope as string, phase as DockerOptionPhase)) ctx.out.print(option);
}
