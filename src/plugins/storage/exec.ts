import { lstatSync } from "node:fs";
import type { Context } from "../../core/context";
import { DokkuError, fail } from "../../core/errors";
import { processSink } from "../../core/output";
import { assertEntryName } from "../../builders/storage-entry";
import { storageExecSpec } from "../../builders/storage-exec";
import { createContainer } from "../../executors/docker/container-effects";
import { attachTerminalAndRun, removeContainer } from "../../executors/docker/containers";
import { runContainer } from "../../executors/docker/run-container";
import { volumeExists } from "../../executors/docker/volumes";
import { loadEntry } from "./state";

export interface StorageExecRequest {
  readonly name: string | undefined;
  readonly image: string | undefined;
  readonly asUser: string | undefined;
  readonly command: readonly string[];
}

/**
 * `storage:exec <name> [--image i] [--as-user uid] [-- <cmd>...]`: runs the command (or a shell)
 * in a throwaway container with the entry at /data, and exits with its exit code. A tty when
 * stdin is one, as Dokku. The entry's directory or volume must exist first: we never let docker
 * create a missing bind source as root.
 */
export async function execStorage(ctx: Context, request: StorageExecRequest): Promise<void> {
  if (request.name === undefined || request.name === "") fail("storage:exec requires a storage entry name", "usage");
  const name = assertEntryName(request.name, true);
  const entry = loadEntry(ctx, name);
  if (!entry) fail(`storage entry ${JSON.stringify(name)} does not exist`, "entry-missing");
  const tty = ctx.input.isTTY;
  const spec = storageExecSpec({ entry, image: request.image, asUser: request.asUser, command: request.command, tty });
  const docker = await ctx.docker();
  await assertSourcePresent(entry.host_path as string, (volume) => volumeExists(docker, volume));
  let exitCode: number;
  if (tty) {
    const id = await createContainer(docker, spec);
    try {
      exitCode = await attachTerminalAndRun(docker, id);
    } finally {
      await removeContainer(docker, id);
    }
  } else {
    exitCode = (
      await runContainer(docker, spec, {
        onStdout: (text) => ctx.out.raw(text),
        onStderr: (text) => processSink.stderr(text),
      })
    ).exitCode;
  }
  if (exitCode !== 0) throw new DokkuError("", { code: "command-failed", exitCode });
}

async function assertSourcePresent(hostPath: string, hasVolume: (name: string) => Promise<boolean>): Promise<void> {
  if (!hostPath.startsWith("/")) {
    if (!(await hasVolume(hostPath)))
      fail(`docker named volume ${JSON.stringify(hostPath)} is not present`, "entry-missing");
    return;
  }
  let isDirectory = false;
  try {
    isDirectory = lstatSync(hostPath).isDirectory();
  } catch {
    fail(`host path ${hostPath} does not exist`, "entry-missing");
  }
  if (!isDirectory) fail(`host path ${hostPath} exists but is not a directory`, "invalid-entry");
}
