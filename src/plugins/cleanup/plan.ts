import { isRetiringName, isUpcomingName, LABELS } from "../../builders/container-spec";

/**
 * What `cleanup` and the pruning after a deploy may remove, decided from facts gathered
 * beforehand. Pure: no docker, no clock, no env.
 */

/** One container as `docker ps -a` lists it. */
export interface ContainerFacts {
  readonly id: string;
  readonly name: string;
  /** Docker's state: `running`, `exited`, `dead`, `created`, `restarting`, `paused`. */
  readonly state: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ContainerRules {
  /** Ids queued for retirement: `ps:retire` stops and removes them in its own time. */
  readonly retiring: ReadonlySet<string>;
  /** The app's live release: its deploy containers are the app, even stopped (`ps:stop`, a crash). */
  readonly currentReleaseId: number | undefined;
}

/**
 * Exited and dead containers that go, as Dokku's cleanup: never a running, restarting or
 * paused one (a `run:detached` still at work), never one waiting to retire, never a deploy
 * container of the current release (ps:start runs it again; its logs stay readable).
 * Sorted by id.
 */
export function removableContainers(containers: readonly ContainerFacts[], rules: ContainerRules): string[] {
  return containers
    .filter((container) => container.state === "exited" || container.state === "dead")
    .filter((container) => !rules.retiring.has(container.id) && !isRetiringName(container.name))
    .filter((container) => !isLiveDeployContainer(container, rules.currentReleaseId))
    .map((container) => container.id)
    .sort();
}

function isLiveDeployContainer(container: ContainerFacts, currentReleaseId: number | undefined): boolean {
  if (currentReleaseId === undefined) return false;
  return (
    container.labels[LABELS.containerType] === "deploy" &&
    container.labels[LABELS.releaseId] === String(currentReleaseId) &&
    !isUpcomingName(container.name)
  );
}

/**
 * The app's build containers (`repo:purge-cache`): labelled `com.dokku.image-stage=build` but not
 * app containers, which inherit that label from the built image and carry a container type.
 * Sorted by id.
 */
export function buildContainers(containers: readonly ContainerFacts[]): string[] {
  return containers
    .filter(
      (container) =>
        container.labels["com.dokku.image-stage"] === "build" && container.labels[LABELS.containerType] === undefined,
    )
    .map((container) => container.id)
    .sort();
}

/** One untagged (dangling) image. */
export interface ImageFacts {
  readonly id: string;
  /** Unix seconds. */
  readonly created: number;
}

export interface ImageRules {
  /** Image ids a release can still run (its recorded id) or a container was created from. */
  readonly protect: ReadonlySet<string>;
  /** Only images created at or before this (unix seconds): a build in progress keeps its layers. */
  readonly createdBefore?: number;
}

/** Dangling images that go: none a release or container needs, none too new. Sorted by id. */
export function removableImages(images: readonly ImageFacts[], rules: ImageRules): string[] {
  return images
    .filter((image) => !rules.protect.has(image.id))
    .filter((image) => rules.createdBefore === undefined || image.created <= rules.createdBefore)
    .map((image) => image.id)
    .sort();
}

/** Where the automatic cleanup's off switch was found. */
export interface SkipSources {
  /** `builder:set <app> skip-cleanup` ("" when unset). */
  readonly app: string;
  /** `builder:set --global skip-cleanup` ("" when unset). */
  readonly global: string;
  /** DOKKU_SKIP_CLEANUP from the environment (/etc/environment, ~dokku/.dokkurc). */
  readonly env: string | undefined;
}

/**
 * Why the pruning after a deploy is off, or undefined when it runs. As Dokku documents it: the
 * `skip-cleanup` property (the app's, else the global one) decides when set; DOKKU_SKIP_CLEANUP
 * counts only when neither is set.
 */
export function skipCleanupReason(sources: SkipSources): string | undefined {
  const property = sources.app || sources.global;
  if (property !== "") return property === "true" ? `skip-cleanup is true${sources.app ? "" : " (global)"}` : undefined;
  return sources.env === "true" ? "DOKKU_SKIP_CLEANUP is true" : undefined;
}

/** `1.5 MB`-style size for messages. Pure. */
export function formatBytes(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
