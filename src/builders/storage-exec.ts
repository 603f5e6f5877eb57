import type { ContainerCreateOptions } from "dockerode";
import { fail } from "../core/errors";
import { attachOptions, LABELS } from "./container-spec";
import { chownId } from "./storage-directory";
import type { StorageEntry } from "./storage-mount";

/** Dokku's default image for `storage:exec`. */
export const STORAGE_EXEC_IMAGE = "alpine:3";
/** Where the entry is mounted in the exec container, as Dokku. */
export const STORAGE_EXEC_TARGET = "/data";
/** What runs without a command: bash when the image has it, else sh (Dokku's). */
const SHELL = ["sh", "-c", "command -v bash >/dev/null 2>&1 && exec bash || exec sh"];
const IMAGE = /^[A-Za-z0-9][A-Za-z0-9_./:@-]{0,254}$/;

export interface StorageExecInput {
  readonly entry: StorageEntry;
  readonly image: string | undefined;
  readonly asUser: string | undefined;
  readonly command: readonly string[];
  readonly tty: boolean;
}

/**
 * The throwaway container of `storage:exec`: the image (alpine:3 unless --image), the entry's
 * host directory or volume at /data, run as --as-user or the entry's chown uid, never
 * privileged, labelled `com.dokku.container-type=storage-exec`. Pure.
 */
export function storageExecSpec(input: StorageExecInput): ContainerCreateOptions {
  const { entry } = input;
  if (!entry.host_path) fail(`storage entry ${JSON.stringify(entry.name)} is missing a host path`, "invalid-entry");
  if (entry.scheduler !== "docker-local")
    fail(
      `storage entry ${JSON.stringify(entry.name)} has scheduler ${JSON.stringify(entry.scheduler)}, not docker-local`,
    );
  const image = input.image || STORAGE_EXEC_IMAGE;
  if (!IMAGE.test(image)) fail(`Invalid image name: ${JSON.stringify(image)}`, "usage");
  const uid = execUser(entry, input.asUser);
  return {
    Image: image,
    Cmd: input.command.length > 0 ? [...input.command] : [...SHELL],
    ...(uid !== undefined ? { User: `${uid}:${uid}` } : {}),
    Labels: { [LABELS.containerType]: "storage-exec", "com.dokku.storage-entry": entry.name },
    ...attachOptions(input.tty),
    HostConfig: { Binds: [`${entry.host_path}:${STORAGE_EXEC_TARGET}`] },
  };
}

/** --as-user (a uid 0-65535), else the entry's chown uid, else the image's user. Pure. */
function execUser(entry: StorageEntry, asUser: string | undefined): number | undefined {
  if (asUser !== undefined && asUser !== "") {
    if (!/^\d{1,5}$/.test(asUser) || Number(asUser) > 65535)
      fail("--as-user must be a numeric uid from 0 to 65535", "usage");
    return Number(asUser);
  }
  return entry.chown === undefined ? undefined : chownId(entry.chown);
}
