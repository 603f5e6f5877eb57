import type { Static } from "@sinclair/typebox";
import type { DockerArg } from "../../sdk/triggers/plugin";

export type DockerArgItem = Static<typeof DockerArg>;

/** Labels under this prefix are dokku's own: what a plugin offers there is dropped. */
export const RESERVED_LABEL_PREFIX = "com.dokku.";

/**
 * The `com.dokku.*` labels dokku sets on or reads from containers and images to tell whose they
 * are and what they are for (test/builders/docker-args.test.ts keeps the list in step with the
 * code). An operator's docker-options may not set these; other `com.dokku.*` labels are theirs,
 * as in Dokku.
 */
export const DOKKU_LABELS: readonly string[] = [
  "com.dokku.active-deadline-seconds",
  "com.dokku.app-name",
  "com.dokku.builder-type",
  "com.dokku.concurrency-policy",
  "com.dokku.container-type",
  "com.dokku.cron-id",
  "com.dokku.deploy-id",
  "com.dokku.dyno",
  "com.dokku.image-stage",
  "com.dokku.network-name",
  "com.dokku.plugin",
  "com.dokku.predeploy-phase",
  "com.dokku.process-type",
  "com.dokku.release-id",
  "com.dokku.router-config",
  "com.dokku.router-image",
  "com.dokku.storage-entry",
  "com.dokku.swarm-app-network",
];

/** What plugins add to an app's deploy containers (docker-args-deploy), by name. */
export interface ContainerExtras {
  readonly labels: ReadonlyMap<string, string>;
  readonly env: ReadonlyMap<string, string>;
}

/**
 * The collected docker-args-deploy results as labels and env, a later entry of the same name
 * winning; `dropped` names the reserved (com.dokku.*) labels left out. Pure.
 */
export function containerExtras(
  args: readonly DockerArgItem[],
): ContainerExtras & { readonly dropped: readonly string[] } {
  const labels = new Map<string, string>();
  const env = new Map<string, string>();
  const dropped: string[] = [];
  for (const arg of args) {
    if (arg.type === "env") env.set(arg.name, arg.value);
    else if (arg.name.startsWith(RESERVED_LABEL_PREFIX)) dropped.push(arg.name);
    else labels.set(arg.name, arg.value);
  }
  return { labels, env, dropped };
}
