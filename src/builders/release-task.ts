import type { ContainerCreateOptions } from "dockerode";
import { splitWords } from "../core/words";
import { LABELS } from "./container-spec";

/** A deploy task (Dokku's app.json scripts and Procfile `release`). */
export type TaskPhase = "predeploy" | "release" | "postdeploy";

export interface TaskImage {
  readonly image: string;
  readonly entrypoint: readonly string[] | null;
  readonly cmd: readonly string[] | null;
}

export interface TaskSpec {
  readonly app: string;
  readonly phase: TaskPhase;
  readonly command: string;
  readonly image: TaskImage;
  /** The app's merged config. */
  readonly env: ReadonlyMap<string, string>;
}

/** Entrypoints that only reap processes: the command still runs through a shell behind them. */
const INIT_ENTRYPOINTS = ["/tini", "/bin/tini", "/usr/bin/tini", "/usr/local/bin/tini"];

/**
 * The one-off container of a deploy task, as Dokku's app-json plugin runs it: through
 * `/bin/sh -c` when the image has no ENTRYPOINT (or only tini), else the command's words are
 * the entrypoint's arguments. The app's config is its environment. Pure.
 */
export function taskContainerSpec(spec: TaskSpec): ContainerCreateOptions {
  const entrypoint = spec.image.entrypoint ?? [];
  const throughShell =
    entrypoint.length === 0 ||
    (entrypoint.length === 2 && INIT_ENTRYPOINTS.includes(entrypoint[0] as string) && entrypoint[1] === "--");
  return {
    Image: spec.image.image,
    Cmd: throughShell ? ["/bin/sh", "-c", spec.command] : splitWords(spec.command, spec.command),
    Env: [...spec.env].map(([key, value]) => `${key}=${value}`),
    Labels: { [LABELS.app]: spec.app, dokku_phase_script: spec.phase },
    Tty: false,
  };
}

/**
 * The `changes` of the predeploy commit: the image's own CMD back (the task replaced it in the
 * container) and Dokku's labels. The ENTRYPOINT is never replaced, so it needs no restoring. Pure.
 */
export function predeployCommitChanges(app: string, cmd: readonly string[] | null): string[] {
  return [
    `CMD ${JSON.stringify(cmd ?? [])}`,
    "LABEL org.label-schema.schema-version=1.0",
    "LABEL org.label-schema.vendor=dokku",
    `LABEL ${LABELS.app}=${app}`,
    "LABEL com.dokku.predeploy-phase=true",
  ];
}
