import { splitWords } from "../core/words";
import { procfileArgv } from "./container-command";
import { processOrder } from "./process-order";

/** Dokku's default port of the web process. */
export const DEFAULT_WEB_PORT = "5000";

export interface PlannedContainer {
  readonly processType: string;
  readonly index: number;
  /** undefined: the image's CMD. */
  readonly command: readonly string[] | undefined;
  /** PORT in the container; undefined sets none. */
  readonly port: string | undefined;
}

export interface ContainerPlan {
  readonly containers: readonly PlannedContainer[];
  /** Process types with a count but no Procfile command: skipped, as Dokku does, with a warning. */
  readonly skipped: readonly string[];
  /** Count per process type that runs. */
  readonly counts: Readonly<Record<string, number>>;
}

export interface PlanInput {
  /** The release's Procfile; empty: every type runs the image's CMD. */
  readonly processes: Readonly<Record<string, string>>;
  readonly formation: Readonly<Record<string, number>>;
  /** Only this process type (ps:restart <app> <proc>). */
  readonly only?: string;
  /** ps `dockerfile-start-cmd`: replaces every type's command when set. */
  readonly startCmd: string;
  /** The app's merged config. */
  readonly env: ReadonlyMap<string, string>;
}

/**
 * The containers a release runs at a formation, web first then by type, each with its argv:
 * `dockerfile-start-cmd`, else the Procfile command with `$PORT` and config expanded, else the
 * image's CMD. web gets PORT (config's, else 5000); others get config's PORT only. Pure.
 */
export function planContainers(input: PlanInput): ContainerPlan {
  const hasProcfile = Object.keys(input.processes).length > 0;
  const configuredPort = input.env.get("PORT");
  const types = Object.keys(input.formation)
    .filter((type) => input.only === undefined || type === input.only)
    .sort(processOrder);
  const containers: PlannedContainer[] = [];
  const skipped: string[] = [];
  const counts: Record<string, number> = {};
  for (const processType of types) {
    const count = input.formation[processType] ?? 0;
    if (count <= 0) continue;
    const procfileCommand = input.processes[processType];
    if (hasProcfile && procfileCommand === undefined) {
      skipped.push(processType);
      continue;
    }
    const port = processType === "web" ? (configuredPort ?? DEFAULT_WEB_PORT) : configuredPort;
    const expansionEnv = new Map(input.env).set("PORT", port ?? DEFAULT_WEB_PORT);
    const command =
      input.startCmd !== ""
        ? splitWords(input.startCmd, input.startCmd)
        : procfileCommand !== undefined
          ? procfileArgv(procfileCommand, expansionEnv)
          : undefined;
    counts[processType] = count;
    for (let index = 1; index <= count; index++) containers.push({ processType, index, command, port });
  }
  return { containers, skipped, counts };
}
