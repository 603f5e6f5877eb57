import { fail } from "../core/errors";
import { emptyBuildState, emptyContainerState, OPTION_SPECS, type OptionSpec } from "./docker-options-specs";
import { joinWords, optionWords } from "./docker-options-words";

/** Dokku's phases, in its order. */
export const PHASES = ["build", "deploy", "run"] as const;
export type DockerOptionPhase = (typeof PHASES)[number];

/** Dokku's key for options that apply to every process type. */
export const DEFAULT_PROCESS = "_default_";

/** One stored option read back: what it is, as typed, and its value (`"true"`/`"false"` for switches). */
export interface ParsedOption {
  readonly spec: OptionSpec;
  /** The flag as the user wrote it (`-v`, `--volume`). */
  readonly flag: string;
  readonly value: string;
}

/** The flag's spec and a value written into the same word (`--opt=value`, `-v=value`, `-vvalue`). Pure. */
function lookupFlag(word: string): { spec: OptionSpec; flag: string; inline?: string } | undefined {
  const equals = word.indexOf("=");
  const flag = equals === -1 ? word : word.slice(0, equals);
  const inline = equals === -1 ? undefined : word.slice(equals + 1);
  const spec = OPTION_SPECS.find((candidate) => candidate.name === flag || candidate.aliases.includes(flag));
  if (spec) return inline === undefined ? { spec, flag } : { spec, flag, inline };
  if (!word.startsWith("--") && word.length > 2) {
    const short = word.slice(0, 2);
    const attached = OPTION_SPECS.find((candidate) => candidate.takesValue && candidate.aliases.includes(short));
    if (attached) return { spec: attached, flag: short, inline: word.slice(2) };
  }
  return undefined;
}

function isFlagWord(word: string): boolean {
  return word.length > 1 && word.startsWith("-");
}

/**
 * Words grouped on flag boundaries, one group per option (Dokku's groupOptionTokens), except
 * that a flag still waiting for its value takes the next word even when it starts with `-`
 * (`--memory-swap -1`). Words before the first flag stay in a leading group. Pure.
 */
export function groupOptionWords(words: readonly string[]): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  for (const word of words) {
    const head = current[0] === undefined ? undefined : lookupFlag(current[0]);
    const waiting = head?.spec.takesValue && head.inline === undefined && current.length === 1;
    if (isFlagWord(word) && current.length > 0 && !waiting) {
      groups.push(current);
      current = [];
    }
    current.push(word);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * What `docker-options:add|remove` was given: each option in the one-line stored form (words
 * quoted as sh would read them back), and the `--process` values found among them (Dokku's
 * SplitOptionString lifts a misplaced `--process`). Refuses unparseable text. Pure.
 */
export function splitOptionText(text: string): { options: string[]; processes: string[] } {
  const options: string[] = [];
  const processes: string[] = [];
  for (const group of groupOptionWords(optionWords(text))) {
    const [head = "", ...rest] = group;
    if (head === "--process") {
      if (rest.length !== 1)
        fail(rest.length === 0 ? "--process requires a value" : `--process accepts a single value, got ${rest.length}`);
      processes.push(rest[0] as string);
    } else if (head.startsWith("--process=")) {
      if (rest.length > 0) fail("--process=value cannot be followed by additional tokens");
      processes.push(head.slice("--process=".length));
    } else options.push(joinWords(group));
  }
  return { options, processes };
}

/** Whether two stored options are the same words, however they were quoted (Dokku's optionsEqual). Pure. */
export function sameOption(stored: string, option: string): boolean {
  if (stored === option) return true;
  try {
    const a = optionWords(stored);
    const b = optionWords(option);
    return a.length === b.length && a.every((word, index) => word === b[index]);
  } catch {
    return false;
  }
}

const supportedList = () => OPTION_SPECS.map((spec) => [spec.name, ...spec.aliases].join("/")).join(", ");

/** One stored option as a flag and its value; an option we do not support is refused with the list of those we do. Pure. */
export function parseOption(option: string): ParsedOption {
  const groups = groupOptionWords(optionWords(option));
  const [head = "", ...rest] = groups[0] ?? [];
  const found = lookupFlag(head);
  if (!found)
    fail(`Unsupported docker option '${head || option}'; supported: ${supportedList()}`, "unsupported-docker-option");
  if (groups.length > 1) fail(`Expected one docker option, got ${groups.length}: ${option}`, "invalid-docker-option");
  const { spec, flag, inline } = found;
  if (!spec.takesValue) {
    if (rest.length > 0 || (inline !== undefined && inline !== "true" && inline !== "false"))
      fail(`Docker option ${flag} takes no value`, "invalid-docker-option");
    return { spec, flag, value: inline ?? "true" };
  }
  const value = inline ?? rest[0];
  if (value === undefined) fail(`Docker option ${flag} requires a value`, "invalid-docker-option");
  if (rest.length > (inline === undefined ? 1 : 0))
    fail(`Docker option ${flag} takes one value, got: ${option}`, "invalid-docker-option");
  return { spec, flag, value };
}

/** The phases an option applies to. Pure. */
export function optionPhases(spec: OptionSpec): DockerOptionPhase[] {
  return PHASES.filter((phase) =>
    phase === "build"
      ? spec.build !== undefined
      : spec.container !== undefined && (phase === "deploy" || !spec.deployOnly),
  );
}

/** An option checked for the phases it is added to: what it is, and the phases it is not used in. */
export interface CheckedOption {
  readonly parsed: ParsedOption;
  /** Phases the option was given for but does not apply to: stored as Dokku stores it, skipped there when used. */
  readonly unused: DockerOptionPhase[];
}

/**
 * Checks an option's value by applying it to scratch state for each given phase it applies to,
 * so what add stores always builds; a phase it does not apply to is reported back rather than
 * refused (Dokku stores it and filters it out when the phase runs). Pure.
 */
export function checkOption(option: string, phases: readonly DockerOptionPhase[]): CheckedOption {
  const parsed = parseOption(option);
  const allowed = optionPhases(parsed.spec);
  const used = phases.filter((phase) => allowed.includes(phase));
  if (used.some((phase) => phase !== "build"))
    parsed.spec.container?.(parsed.value, parsed.flag, emptyContainerState());
  if (used.includes("build")) parsed.spec.build?.(parsed.value, parsed.flag, emptyBuildState());
  return { parsed, unused: phases.filter((phase) => !allowed.includes(phase)) };
}

/** The warning for an option stored for phases it is not used in. Pure. */
export function unusedPhaseWarning(checked: CheckedOption): string {
  const allowed = optionPhases(checked.parsed.spec);
  const phases = checked.unused.join(", ");
  return `Docker option ${checked.parsed.flag} is not used in the ${phases} phase${checked.unused.length > 1 ? "s" : ""} (used in: ${allowed.join(", ")}); stored, and skipped there`;
}

/** `deploy,run` -> the phases; refused with Dokku's message when one is not a phase. Pure. */
export function parsePhases(text: string | undefined): DockerOptionPhase[] {
  const phases = (text ?? "").split(",");
  if (phases.some((phase) => !(PHASES as readonly string[]).includes(phase)))
    fail(`Phase(s) must be one of [${PHASES.join(" ")}]`, "invalid-phase");
  return [...new Set(phases as DockerOptionPhase[])];
}
