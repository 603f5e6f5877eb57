import type { ContainerCreateOptions } from "dockerode";
import type { ConcurrencyPolicy } from "./app-json-types";
import { LABELS, runContainerSpec, type RunContainerInput } from "./container-spec";

/** Labels that mark a cron task's container, as Dokku's scheduler-run sets them. */
export const CRON_LABELS = {
  cronId: "com.dokku.cron-id",
  concurrencyPolicy: "com.dokku.concurrency-policy",
} as const;

/** `com.dokku.container-type` of a cron task's container. */
export const CRON_CONTAINER_TYPE = "cron";

export interface CronContainerInput extends Omit<RunContainerInput, "name" | "tty" | "extraEnv"> {
  readonly cronId: string;
  readonly concurrencyPolicy: ConcurrencyPolicy;
}

/** `<app>.cron.<n>`, as Dokku names a cron task's one-off container. Pure. */
export function cronContainerName(app: string, number: number): string {
  return `${app}.cron.${number}`;
}

/**
 * A cron task's container: a one-off `run` container (the release's image, the app's config,
 * the command) named `<app>.cron.<n>` with `DYNO=cron.<n>`, typed `cron` and labelled with its
 * task id and concurrency policy, so a later run finds it and `logs` shows it. No tty. Pure.
 */
export function cronContainerSpec(input: CronContainerInput): ContainerCreateOptions {
  const spec = runContainerSpec({
    ...input,
    name: cronContainerName(input.app, input.number),
    tty: false,
    extraEnv: [],
  });
  return {
    ...spec,
    Env: (spec.Env ?? []).map((line) => (line === `DYNO=run.${input.number}` ? `DYNO=cron.${input.number}` : line)),
    Labels: {
      ...spec.Labels,
      [LABELS.containerType]: CRON_CONTAINER_TYPE,
      [CRON_LABELS.cronId]: input.cronId,
      [CRON_LABELS.concurrencyPolicy]: input.concurrencyPolicy,
    },
  };
}
