import type { DockerClient } from "./client";

/** One message of the engine's event stream (the fields we read). */
export interface DockerEvent {
  readonly Type?: string;
  readonly Action?: string;
  readonly Actor?: { readonly ID?: string; readonly Attributes?: Readonly<Record<string, string>> };
  /** Unix seconds. */
  readonly time?: number;
}

/** An event message is a few hundred bytes; a line longer than this is not one, and is dropped. */
export const MAX_EVENT_LINE = 64 * 1024;

export interface FollowEventsOptions {
  /** The engine's own filters (`type`, `label`, `event` ...), applied before anything is sent. */
  readonly filters: Readonly<Record<string, readonly string[]>>;
  readonly signal: AbortSignal;
  /** The engine accepted the subscription: every event from now on is delivered. */
  readonly onOpen?: () => void;
}

/**
 * Follows the engine's event stream (`GET /events`), calling `onEvent` for each message in
 * order. Resolves when the stream ends: the engine went away (stopped, crashed, restarting) or
 * `signal` aborted. Rejects when the engine cannot be reached or refuses. Events while nobody
 * follows are lost (the engine keeps no history across its restarts): a follower that comes
 * back must look at the current state again.
 */
export async function followEvents(
  docker: DockerClient,
  options: FollowEventsOptions,
  onEvent: (event: DockerEvent) => void,
): Promise<void> {
  if (options.signal.aborted) return;
  const stream = (await docker.getEvents({
    filters: options.filters as Record<string, string[]>,
    abortSignal: options.signal,
  })) as NodeJS.ReadableStream & { destroy?: () => void };
  options.onOpen?.();
  await new Promise<void>((resolve) => {
    let rest = "";
    const done = () => {
      options.signal.removeEventListener("abort", abort);
      resolve();
    };
    const abort = () => {
      stream.destroy?.();
      done();
    };
    options.signal.addEventListener("abort", abort, { once: true });
    stream.on("data", (chunk: Buffer | string) => {
      const split = splitEventLines(rest, chunk.toString());
      rest = split.rest;
      for (const line of split.lines) {
        const event = parseEvent(line);
        if (event) onEvent(event);
      }
    });
    stream.on("end", done);
    stream.on("close", done);
    stream.on("error", done);
  });
}

/**
 * The complete lines of `rest + chunk` and what is left of an unfinished one. A line longer than
 * MAX_EVENT_LINE is dropped as it comes, so a broken stream cannot grow the buffer. Pure.
 */
export function splitEventLines(rest: string, chunk: string): { lines: string[]; rest: string } {
  const parts = `${rest}${chunk}`.split("\n");
  const last = parts.pop() ?? "";
  const lines = parts.filter((line) => line.trim() !== "" && line.length <= MAX_EVENT_LINE);
  // an overlong unfinished line: keep a marker that makes the rest of it overlong too
  return { lines, rest: last.length > MAX_EVENT_LINE ? "x".repeat(MAX_EVENT_LINE + 1) : last };
}

function parseEvent(line: string): DockerEvent | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as DockerEvent) : undefined;
  } catch {
    return undefined;
  }
}
