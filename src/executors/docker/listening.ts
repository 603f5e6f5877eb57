import { closeSync, openSync, readSync } from "node:fs";
import { listeningProblem, parseListeningSockets, type ListeningSocket } from "../../builders/listening-sockets";
import type { DockerClient } from "./client";
import { inspectOrUndefined } from "./containers";

/** How much of a /proc file is read. */
const MAX_PROC_BYTES = 1024 * 1024;
/** Why a listening attempt failed when the container was not running (restarting, say): not worth another attempt. */
export const NOT_RUNNING = "container state is not running";
const UNABLE = "unable to enter the container to check that the process is bound to the correct port and interface";

/**
 * One attempt of the port listening check: why it fails, undefined when it passes. The TCP
 * sockets listening in the container's network namespace are read from this host's
 * `/proc/<pid>/net/tcp{,6}` of the container's first process (the engine is local to the
 * docker-local scheduler). The process is checked to be the container's, by its cgroup, before
 * and after the read, so a reused pid is never judged.
 */
export async function listeningProblemOf(docker: DockerClient, id: string, port: number): Promise<string | undefined> {
  const info = await inspectOrUndefined(docker, id);
  const pid = info?.State.Pid ?? 0;
  if (!info?.State.Running || info.State.Restarting || pid === 0) return NOT_RUNNING;
  let sockets: ListeningSocket[];
  try {
    if (!ownedBy(pid, info.Id))
      return (await samePid(docker, id, pid)) ? `${UNABLE}: its process is not visible from this host` : NOT_RUNNING;
    sockets = [...socketsIn(`/proc/${pid}/net/tcp`), ...socketsIn(`/proc/${pid}/net/tcp6`)];
    if (!ownedBy(pid, info.Id)) return NOT_RUNNING;
  } catch (error) {
    return `${UNABLE}: ${error instanceof Error ? error.message : String(error)}`;
  }
  return listeningProblem(sockets, port);
}

/** Whether the container still runs the process it ran: else it exited (or restarted) meanwhile. */
async function samePid(docker: DockerClient, id: string, pid: number): Promise<boolean> {
  const now = await inspectOrUndefined(docker, id);
  return now?.State.Running === true && now.State.Pid === pid;
}

/** Whether the process belongs to the container: its cgroup path names the container's id. */
function ownedBy(pid: number, containerId: string): boolean {
  const cgroups = readProc(`/proc/${pid}/cgroup`);
  return cgroups?.includes(containerId) === true;
}

function socketsIn(path: string): ListeningSocket[] {
  const text = readProc(path);
  return text === undefined ? [] : parseListeningSockets(text);
}

/** A /proc file's first MAX_PROC_BYTES as text, undefined when it does not exist (no IPv6, process gone). */
function readProc(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const buffer = Buffer.alloc(MAX_PROC_BYTES);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) {
      read = readSync(fd, buffer, length, buffer.length - length, null);
    }
    return buffer.subarray(0, length).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
