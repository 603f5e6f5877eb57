import { createConsola, type ConsolaInstance, type LogObject } from "consola/core";
import { writeSync } from "node:fs";

/** Where output bytes go. The real one writes fd 1 and fd 2 synchronously; tests collect strings. */
export interface OutputSink {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processSink: OutputSink = {
  stdout: (text) => writeAll(1, text),
  stderr: (text) => writeAll(2, text),
};

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") continue;
      if ((error as NodeJS.ErrnoException).code === "EPIPE") return;
      throw error;
    }
  }
}

/** Dokku's line prefixes. */
export const PREFIX = {
  step: "-----> ",
  heading: "=====> ",
  detail: "       ",
  alert: " !     ",
} as const;

/**
 * Dokku-style output, carried by consola with one reporter:
 * step (-----> ), heading (=====> ), detail (7 spaces) go to stdout and are silenced by --quiet;
 * print is raw data on stdout and always shown; warn and error go to stderr with " !     ".
 */
export interface Output {
  step(message: string): void;
  heading(message: string): void;
  detail(message: string): void;
  print(message: string): void;
  /** Exact text on stdout: no prefix, no newline added, never silenced (`config:bundle`'s tar). */
  raw(text: string): void;
  warn(message: string): void;
  error(message: string): void;
  trace(message: string): void;
  readonly quiet: boolean;
  /** Whether trace lines are shown (--trace, DOKKU_TRACE=1, trace:on): skip building them otherwise. */
  readonly tracing: boolean;
  /** Turns trace lines on or off for the rest of the command (trace:on/off take effect at once, as in Dokku). */
  setTracing(on: boolean): void;
}

export interface OutputOptions {
  quiet?: boolean;
  trace?: boolean;
}

const TYPE_TO_LINE: Record<string, { prefix: string; stream: "stdout" | "stderr"; quietable: boolean }> = {
  start: { prefix: PREFIX.step, stream: "stdout", quietable: true },
  box: { prefix: PREFIX.heading, stream: "stdout", quietable: true },
  info: { prefix: PREFIX.detail, stream: "stdout", quietable: true },
  log: { prefix: "", stream: "stdout", quietable: false },
  warn: { prefix: PREFIX.alert, stream: "stderr", quietable: false },
  error: { prefix: PREFIX.alert, stream: "stderr", quietable: false },
  debug: { prefix: "+ ", stream: "stderr", quietable: false },
};

export function createOutput(sink: OutputSink = processSink, options: OutputOptions = {}): Output {
  const quiet = options.quiet ?? false;
  const reporter = {
    log(logObj: LogObject) {
      const line = TYPE_TO_LINE[logObj.type];
      if (!line || (quiet && line.quietable)) return;
      const message = logObj.args.map(String).join(" ");
      const text = message
        .split("\n")
        .map((part) => line.prefix + part)
        .join("\n");
      sink[line.stream](`${text}\n`);
    },
  };
  const consola: ConsolaInstance = createConsola({
    reporters: [reporter],
    level: options.trace ? 4 : 3,
    throttle: 0,
  });
  let tracing = options.trace ?? false;
  return {
    quiet,
    get tracing() {
      return tracing;
    },
    setTracing(on) {
      tracing = on;
      consola.level = on ? 4 : 3;
    },
    step: (message) => consola.start(message),
    heading: (message) => consola.box(message),
    detail: (message) => consola.info(message),
    print: (message) => consola.log(message),
    raw: (text) => sink.stdout(text),
    warn: (message) => consola.warn(message),
    error: (message) => consola.error(message),
    trace: (message) => consola.debug(message),
  };
}

/** An in-memory sink for tests and for capturing a command's output. */
export function memorySink(): OutputSink & { out: string; err: string } {
  const sink = {
    out: "",
    err: "",
    stdout(text: string) {
      sink.out += text;
    },
    stderr(text: string) {
      sink.err += text;
    },
  };
  return sink;
}
