import { Writable } from "node:stream";
import type { DockerClient } from "./client";
import { statusOf } from "./containers";

export interface LogLine {
  readonly stream: "stdout" | "stderr";
  /** The line without its newline; with `timestamps`, Docker's RFC 3339 time and a space come first. */
  readonly text: string;
}

export interface LogOptions {
  /** Lines from the end; undefined for everything. */
  readonly tail: number | undefined;
  readonly follow: boolean;
  readonly timestamps: boolean;
  readonly signal?: AbortSignal;
}

/**
 * A container's log, line by line, from the Docker API (`docker logs`). Without `follow` it
 * resolves once the log is read; with it, when the container stops or `signal` aborts.
 */
export async function containerLogLines(
  docker: DockerClient,
  id: string,
  options: LogOptions,
  onLine: (line: LogLine) => void,
): Promise<void> {
  const container = docker.getContainer(id);
  const info = await container.inspect().catch((error: unknown) => {
    if (statusOf(error) === 404) return undefined;
    throw error;
  });
  if (!info) return;
  const tty = info.Config.Tty;
  const base = {
    stdout: true,
    stderr: true,
    timestamps: options.timestamps,
    ...(options.tail === undefined ? {} : { tail: options.tail }),
  };
  if (!options.follow) {
    const buffer = await container.logs({ ...base, follow: false });
    for (const line of splitLogBuffer(Buffer.from(buffer), tty)) onLine(line);
    return;
  }
  const stream = await container.logs({
    ...base,
    follow: true,
    ...(options.signal ? { abortSignal: options.signal } : {}),
  });
  await followLogStream(docker, stream, tty, options.signal, onLine);
}

/**
 * A swarm service's log across its tasks on every node (`docker service logs --details`): each
 * line is `<time> com.docker.swarm.node.id=...,com.docker.swarm.service.id=...,com.docker.swarm.task.id=<id> <text>`
 * (timestamps are always asked for: parseServiceLogLine reads them).
 */
export async function serviceLogLines(
  docker: DockerClient,
  id: string,
  options: Omit<LogOptions, "timestamps">,
  onLine: (line: LogLine) => void,
): Promise<void> {
  const service = docker.getService(id);
  const base = {
    stdout: true,
    stderr: true,
    timestamps: true,
    details: true,
    ...(options.tail === undefined ? {} : { tail: options.tail }),
  };
  if (!options.follow) {
    const buffer = (await service.logs({ ...base, follow: false })) as unknown as Buffer;
    for (const line of splitLogBuffer(Buffer.from(buffer), false)) onLine(line);
    return;
  }
  const stream = (await service.logs({
    ...base,
    follow: true,
    ...(options.signal ? { abortSignal: options.signal } : {}),
  })) as unknown as NodeJS.ReadableStream;
  await followLogStream(docker, stream, false, options.signal, onLine);
}

/** Swarm's detailed log line as its time, the task that printed it and the text. Pure. */
export function parseServiceLogLine(line: string): { time: string; taskId: string; text: string } {
  const [time = "", details = ""] = line.split(" ", 2);
  const text = line.slice(time.length + details.length + 2);
  const taskId = /(?:^|,)com\.docker\.swarm\.task\.id=([^,]*)/.exec(details)?.[1] ?? "";
  return { time, taskId, text };
}

/** Reads a followed log stream line by line until it ends or `signal` aborts. */
async function followLogStream(
  docker: DockerClient,
  stream: NodeJS.ReadableStream,
  tty: boolean,
  signal: AbortSignal | undefined,
  onLine: (line: LogLine) => void,
): Promise<void> {
  const stdout = lineWritable("stdout", onLine);
  const stderr = lineWritable("stderr", onLine);
  await new Promise<void>((resolve) => {
    const done = () => {
      stdout.end();
      stderr.end();
      resolve();
    };
    stream.on("end", done);
    stream.on("close", done);
    stream.on("error", done);
    signal?.addEventListener("abort", () => {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      done();
    });
    if (tty) stream.pipe(stdout);
    else docker.modem.demuxStream(stream, stdout, stderr);
  });
}

/** The last `lines` lines a container printed (both streams, in order), as text. */
export async function containerLogTail(docker: DockerClient, id: string, lines: number): Promise<string[]> {
  const all: string[] = [];
  await containerLogLines(docker, id, { tail: lines, follow: false, timestamps: false }, (line) => all.push(line.text));
  return all;
}

/** Docker's log payload split into lines: multiplexed frames (8-byte headers) unless the container has a TTY. Pure. */
export function splitLogBuffer(buffer: Buffer, tty: boolean): LogLine[] {
  if (tty) return textLines(buffer.toString("utf8")).map((text) => ({ stream: "stdout" as const, text }));
  const chunks: Record<"stdout" | "stderr", string> = { stdout: "", stderr: "" };
  const lines: LogLine[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const stream = buffer[offset] === 2 ? "stderr" : "stdout";
    const size = buffer.readUInt32BE(offset + 4);
    const payload = buffer.subarray(offset + 8, offset + 8 + size).toString("utf8");
    offset += 8 + size;
    chunks[stream] += payload;
    const parts = chunks[stream].split("\n");
    chunks[stream] = parts.pop() as string;
    for (const text of parts) lines.push({ stream, text });
  }
  for (const stream of ["stdout", "stderr"] as const)
    if (chunks[stream] !== "") lines.push({ stream, text: chunks[stream] });
  return lines;
}

function textLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function lineWritable(stream: "stdout" | "stderr", onLine: (line: LogLine) => void): Writable {
  const decoder = new TextDecoder();
  let partial = "";
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const parts = (partial + decoder.decode(chunk, { stream: true })).split("\n");
      partial = parts.pop() as string;
      for (const text of parts) onLine({ stream, text });
      callback();
    },
    final(callback) {
      if (partial !== "") onLine({ stream, text: partial });
      partial = "";
      callback();
    },
  });
}
