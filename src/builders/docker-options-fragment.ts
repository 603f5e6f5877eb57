import type { HostConfig } from "dockerode";
import { fail, isDokkuError } from "../core/errors";
import type { ContainerFragment, ContainerPhase } from "./container-fragment";
import { optionPhases, parseOption, type DockerOptionPhase, type ParsedOption } from "./docker-options-parse";
import { emptyBuildState, emptyContainerState, type BuildState } from "./docker-options-specs";
import { parseEnvFile } from "./docker-options-values";

/**
 * The stored options of `phase` that apply to it, parsed. An option stored for a phase it does
 * not apply to is skipped, as Dokku's docker-args filters do (a `--restart` among run options);
 * one we cannot read fails, naming it. Pure.
 */
function applicable(options: readonly string[], phase: DockerOptionPhase): ParsedOption[] {
  const parsed: ParsedOption[] = [];
  for (const option of options) {
    let one: ParsedOption;
    try {
      one = parseOption(option);
    } catch (error) {
      if (!isDokkuError(error)) throw error;
      return fail(
        `Cannot apply the ${phase} docker option '${option}' (remove it with docker-options:remove): ${error.message}`,
        "invalid-docker-option",
      );
    }
    if (optionPhases(one.spec).includes(phase)) parsed.push(one);
  }
  return parsed;
}

/** The `--env-file` paths among a container's options, in order: the files its fragment needs. Pure. */
export function dockerOptionsEnvFiles(options: readonly string[], phase: ContainerPhase): string[] {
  return applicable(options, phase)
    .filter((option) => option.spec.name === "--env-file")
    .map((option) => option.value);
}

/**
 * A deploy or run container's docker options as dockerode options: binds, HostConfig fields,
 * labels and env (`--env-file` contents from `envFiles`, path -> text, then `-e` on top).
 * Options apply in order: a later scalar wins, lists add up. Pure.
 */
export function dockerOptionsContainerFragment(
  options: readonly string[],
  phase: ContainerPhase,
  envFiles: ReadonlyMap<string, string>,
): ContainerFragment {
  const state = emptyContainerState();
  for (const option of applicable(options, phase)) option.spec.container?.(option.value, option.flag, state);
  const env: Record<string, string> = {};
  for (const path of state.envFiles) {
    const text = envFiles.get(path);
    if (text === undefined) fail(`Env file ${path} (docker option --env-file) does not exist`, "missing-env-file");
    Object.assign(env, parseEnvFile(path, text));
  }
  Object.assign(env, state.env);
  const hostConfig: Partial<HostConfig> = { ...state.host };
  if (state.log.driver !== undefined || Object.keys(state.log.options).length > 0) {
    hostConfig.LogConfig = { Type: state.log.driver ?? "", Config: { ...state.log.options } };
  }
  const fragment: { -readonly [K in keyof ContainerFragment]: ContainerFragment[K] } = {};
  if (state.binds.length > 0) fragment.binds = state.binds;
  if (state.volumes.length > 0) fragment.volumes = state.volumes;
  if (Object.keys(hostConfig).length > 0) fragment.hostConfig = hostConfig;
  if (Object.keys(state.labels).length > 0) fragment.labels = state.labels;
  if (Object.keys(env).length > 0) fragment.env = env;
  return fragment;
}

/** The build phase's options as fields of the image build's options (buildargs, labels, networkmode ...). Pure. */
export function dockerOptionsBuildOptions(options: readonly string[]): BuildState {
  const state = emptyBuildState();
  for (const option of applicable(options, "build")) option.spec.build?.(option.value, option.flag, state);
  return state;
}
