import type { ContainerInfo, DockerClient } from "../../../executors/docker/client";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { containerName, isRetiringName, retiringContainerName } from "../../../builders/container-spec";
import type { Context } from "../../../core/context";
import { DokkuError } from "../../../core/errors";
import {
  inspectOrUndefined,
  removeContainer,
  renameContainer,
  stopContainer,
} from "../../../executors/docker/containers";
import { atomicWriteFileSync, ensureDir } from "../../../store/atomic-write";
import { acquireLock, tryLock, type FileLock } from "../../../store/file-lock";
import { stopTimeoutSeconds } from "../../ps/properties";
import { retireLockPath, retireQueueDir } from "./properties";
import { killContainer } from "../../../executors/docker/container-effects";

/**
 * The retire queue: old containers a deploy replaced wait here for `wait-to-retire`, and
 * `ps:retire` (the ps plugin, every minute) retires those whose time has come. Any scheduler
 * that replaces containers queues them here (docker-local does); ps:report and cleanup read it.
 */

/** One old container waiting for its time: stopped (SIGTERM, then SIGKILL after the stop timeout) and removed then. */
export interface RetireEntry {
  readonly id: string;
  readonly app: string;
  /** Its name when it was queued, for messages. */
  readonly name: string;
  /** Epoch milliseconds from which `ps:retire` retires it. */
  readonly retireAt: number;
  readonly stopTimeout: number;
}

const ENTRY_FILE = /^[0-9a-f]{12,64}\.json$/;

/**
 * Queues old containers for retirement `waitSeconds` from now (one atomically written file
 * per container, so the queue survives this process), then renames each away to
 * `<name>.retiring-<unix time>-<short id>` so the new containers can take `<app>.<proc>.<n>`. A container
 * already queued keeps its earlier time.
 */
export async function queueRetirement(
  ctx: Context,
  docker: DockerClient,
  app: string,
  containers: readonly ContainerInfo[],
  waitSeconds: number,
): Promise<void> {
  const retireAt = ctx.now().getTime() + waitSeconds * 1000;
  const stopTimeout = stopTimeoutSeconds(ctx, app);
  const stamp = Math.floor(ctx.now().getTime() / 1000);
  for (const info of containers) {
    const name = containerName(info);
    const path = entryPath(ctx, info.Id);
    if (!existsSync(path)) {
      const entry: RetireEntry = { id: info.Id, app, name, retireAt, stopTimeout };
      atomicWriteFileSync(path, `${JSON.stringify(entry)}\n`, { owner: ctx.owner });
    }
    if (name !== "" && !isRetiringName(name)) {
      await renameContainer(docker, info.Id, retiringContainerName(name, stamp, info.Id)).catch(() => undefined);
    }
  }
}

/** Every queued entry (unreadable files are left out). */
export function readRetireQueue(ctx: Pick<Context, "paths">): RetireEntry[] {
  const dir = retireQueueDir(ctx);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const entries: RetireEntry[] = [];
  for (const name of names.filter((file) => ENTRY_FILE.test(file)).sort()) {
    try {
      entries.push(JSON.parse(readFileSync(`${dir}/${name}`, "utf8")) as RetireEntry);
    } catch {
      // a file another process is replacing: the next run reads it
    }
  }
  return entries;
}

export interface RetireOptions {
  /** Only this app's entries. */
  readonly app?: string;
  /**
   * `try`: another run holding the lock is an error, as Dokku's ps:retire (exit 137);
   * `wait`: wait for it (a deploy retiring its due containers), up to `waitMs`.
   */
  readonly lock: "try" | "wait";
  readonly waitMs?: number;
}

/**
 * Retires the queued containers whose time has come, under the retire lock, all at once:
 * restart policy off, stop with their stop timeout (Docker sends SIGTERM, then SIGKILL), kill
 * if stopping failed, remove; an entry goes when its container is gone. Idempotent.
 * Returns how many were retired.
 */
export async function retireDue(ctx: Context, options: RetireOptions): Promise<number> {
  using lock = await holdRetireLock(ctx, options.lock, options.waitMs);
  if (!lock) return 0;
  return retireDueHeld(ctx, options.app);
}

/** What retireDue does, for a caller that already holds the retire lock. */
export async function retireDueHeld(ctx: Context, app: string | undefined): Promise<number> {
  const now = ctx.now().getTime();
  const due = readRetireQueue(ctx).filter((entry) => (app === undefined || entry.app === app) && entry.retireAt <= now);
  if (due.length === 0) return 0;
  const docker = await ctx.docker();
  const done = await Promise.all(due.map((entry) => retireOne(ctx, docker, entry)));
  return done.filter(Boolean).length;
}

/**
 * The retire lock: with `try`, another holder is an error (Dokku's ps:retire, exit 137); with
 * `wait`, waits up to `waitMs`, then warns and gives undefined (the next run retires them).
 */
export async function holdRetireLock(
  ctx: Context,
  mode: "try" | "wait",
  waitMs = 120_000,
): Promise<FileLock | undefined> {
  ensureDir(retireQueueDir(ctx), ctx.owner);
  if (mode === "try") {
    const lock = tryLock(retireLockPath(ctx), ctx.owner);
    if (!lock) throw new DokkuError("Failed to acquire ps:retire lock", { code: "locked", exitCode: 137 });
    return lock;
  }
  try {
    return await acquireLock(retireLockPath(ctx), { owner: ctx.owner, timeoutMs: waitMs });
  } catch {
    ctx.out.warn("Another ps:retire is running; old containers will be retired by the next run");
    return undefined;
  }
}

async function retireOne(ctx: Context, docker: DockerClient, entry: RetireEntry): Promise<boolean> {
  const info = await inspectOrUndefined(docker, entry.id);
  if (info) {
    ctx.out.detail(`Attempting to retire ${entry.app} container ${entry.id.slice(0, 12)}`);
    try {
      await stopContainer(docker, entry.id, entry.stopTimeout);
    } catch {
      await killContainer(docker, entry.id).catch(() =>
        ctx.out.warn(`Unable to kill container ${entry.id.slice(0, 12)}`),
      );
    }
    await removeContainer(docker, entry.id).catch(() => undefined);
    if (await inspectOrUndefined(docker, entry.id)) {
      ctx.out.warn(`Container ${entry.id.slice(0, 12)} still running`);
      return false;
    }
  }
  rmSync(entryPath(ctx, entry.id), { force: true });
  return info !== undefined;
}

function entryPath(ctx: Pick<Context, "paths">, id: string): string {
  return `${retireQueueDir(ctx)}/${id}.json`;
}
