import type { Static } from "@sinclair/typebox";
import type { DockerArg } from "../../sdk/triggers/plugin";

export type DockerArgItem = Static<typeof DockerArg>;

/** Labels under this prefix are dokku's own: what a plugin offers there is dropped. */
export const RESERVED_LABEL_PREFIX = "com.dokku.";

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
