import { fail } from "../../core/errors";
import type { DeploySource, Release, ReleaseStatus } from "../deploy/contracts";

/** How many keys a config description names before it says how many more there were. */
const MAX_KEYS_DESCRIBED = 3;

/**
 * `v3` or `3` -> 3. Anything else (`x`, `v0`, `v-1`, `v1.5`, `v03`) is refused with the
 * version it was given. Pure.
 */
export function parseReleaseVersion(text: string): number {
  const match = /^v?(0|[1-9][0-9]{0,8})$/.exec(text);
  if (!match) fail(`Invalid release version: ${text} (expected vN, e.g. v3)`, "bad-version");
  const id = Number(match[1]);
  if (id === 0) fail(`Invalid release version: ${text} (versions start at v1)`, "bad-version");
  return id;
}

/** `v3`. Pure. */
export function formatVersion(id: number): string {
  return `v${id}`;
}

/**
 * What made a release that came from the pipeline: the build source in Dokku's words (a push
 * is `git push`), then the short git rev or the image. Pure.
 */
export function deployDescription(startedBy: string, source: DeploySource): string {
  const label = startedBy === "git-hook" ? "git push" : startedBy;
  if (source.kind === "tree") return source.rev ? `${label} ${source.rev.slice(0, 7)}` : label;
  return `${label} ${source.image}`;
}

/** `config:set FOO BAR`, `config:unset --global FOO`, `config:clear` ...; at most 3 keys named. Pure. */
export function configDescription(
  action: "set" | "unset" | "clear" | "import",
  keys: readonly string[],
  global: boolean,
): string {
  const command = [`config:${action}`, ...(global ? ["--global"] : [])];
  if (action === "clear") return command.join(" ");
  const named = keys.slice(0, MAX_KEYS_DESCRIBED);
  const more = keys.length - named.length;
  return [...command, ...named, ...(more > 0 ? [`(+${more} more)`] : [])].join(" ");
}

/** Pure. */
export function rollbackDescription(id: number): string {
  return `Rollback to ${formatVersion(id)}`;
}

/** A record's status; older records without one went live. Pure. */
export function statusOf(release: Pick<Release, "status">): ReleaseStatus {
  return release.status ?? "succeeded";
}

/** What `releases` shows in its Status column. Pure. */
export function displayStatus(release: Pick<Release, "id" | "status">, currentId: number | undefined): string {
  if (release.id === currentId) return "current";
  switch (statusOf(release)) {
    case "pending":
      return "pending";
    case "image-pruned":
      return "image pruned";
    case "succeeded":
      return "deployed";
    case "failed":
      return "failed";
  }
}

/** Whether the release ever went live (a pending or failed record never did). Pure. */
export function wentLive(release: Pick<Release, "status">): boolean {
  const status = statusOf(release);
  return status === "succeeded" || status === "image-pruned";
}

/**
 * The release a bare `releases:rollback` goes back to: the newest one older than the current
 * one that went live (a pending or failed record never did). Pure.
 */
export function previousReleaseId(
  releases: readonly Pick<Release, "id" | "status">[],
  currentId: number,
): number | undefined {
  const older = releases.filter((release) => release.id < currentId && wentLive(release)).map((release) => release.id);
  return older.length === 0 ? undefined : Math.max(...older);
}
