/**
 * What the parent and the sandbox child say to each other: one JSON object per line, requests
 * on the child's stdin, messages on its stdout (stderr is only for crashes). Pure.
 */
import type { StateOwner } from "../store/ownership";
import { PLUGIN_CALL_FAILURES, type PluginCallFailure } from "./plugin-call-error";
import type { Grants, PluginLimits } from "./types";

/** The hidden subcommand of the `dokku` binary that runs the sandbox (argv[1]). */
export const SANDBOX_COMMAND = "__wasm-sandbox";

/**
 * The sandbox child's whole environment (nothing of the parent's reaches a plugin or its HTTP
 * requests): a small JIT reservation lets the runtime start with its JIT inside the child's
 * address-space limit (rlimit.ts).
 */
export const SANDBOX_ENV: Readonly<Record<string, string>> = {
  PATH: "/usr/local/bin:/usr/bin:/bin",
  BUN_JSC_jitMemoryReservationSize: String(16 * 1024 * 1024),
};

/** A plugin's result larger than this fails the call (`bad-output`). */
export const MAX_OUTPUT_BYTES = 1024 * 1024;
/** One `dokku_output` line at most this long (longer text is cut). */
export const MAX_OUTPUT_TEXT = 64 * 1024;

export const OUTPUT_LEVELS = ["step", "heading", "detail", "print", "warn"] as const;
export type OutputLevel = (typeof OUTPUT_LEVELS)[number];

/** Parent -> child: run one export of one plugin's module. */
export interface CallRequest {
  readonly type: "call";
  readonly id: number;
  readonly plugin: string;
  readonly modulePath: string;
  readonly sha256: string;
  readonly export: string;
  /** The export's input, already JSON text. */
  readonly input: string;
  readonly app: string | null;
  readonly grants: Grants;
  readonly limits: PluginLimits;
  readonly libRoot: string;
  readonly dokkuRoot: string;
  /** Who new property files must belong to (root running a command), else null. */
  readonly owner: StateOwner | null;
}

/** Child -> parent. */
export type ChildMessage =
  | { readonly type: "ready" }
  | { readonly type: "output"; readonly id: number; readonly level: OutputLevel; readonly text: string }
  | { readonly type: "result"; readonly id: number; readonly output: string | null }
  | { readonly type: "error"; readonly id: number; readonly reason: PluginCallFailure; readonly message: string };

export function encodeLine(message: CallRequest | ChildMessage): string {
  return `${JSON.stringify(message)}\n`;
}

/** Splits a byte stream's text into complete lines, keeping the unfinished tail for the next chunk. */
export class LineSplitter {
  private tail = "";

  push(text: string): string[] {
    const parts = (this.tail + text).split("\n");
    this.tail = parts.pop() ?? "";
    return parts.filter((line) => line !== "");
  }
}

/** A child's line, or undefined when it is not a protocol message (stray output is never trusted). */
export function parseChildMessage(line: string): ChildMessage | undefined {
  const data = parseObject(line);
  if (data === undefined) return undefined;
  switch (data.type) {
    case "ready":
      return { type: "ready" };
    case "output":
      if (!isId(data.id) || !OUTPUT_LEVELS.includes(data.level as OutputLevel) || typeof data.text !== "string")
        return undefined;
      return { type: "output", id: data.id, level: data.level as OutputLevel, text: data.text };
    case "result":
      if (!isId(data.id) || (data.output !== null && typeof data.output !== "string")) return undefined;
      return { type: "result", id: data.id, output: data.output };
    case "error":
      if (
        !isId(data.id) ||
        !PLUGIN_CALL_FAILURES.includes(data.reason as PluginCallFailure) ||
        typeof data.message !== "string"
      ) {
        return undefined;
      }
      return { type: "error", id: data.id, reason: data.reason as PluginCallFailure, message: data.message };
    default:
      return undefined;
  }
}

/** A request line; throws on anything else (the parent is the only writer). */
export function parseCallRequest(line: string): CallRequest {
  const data = parseObject(line);
  if (data === undefined || data.type !== "call" || !isId(data.id))
    throw new Error(`not a call request: ${line.slice(0, 200)}`);
  for (const key of ["plugin", "modulePath", "sha256", "export", "input", "libRoot", "dokkuRoot"] as const) {
    if (typeof data[key] !== "string") throw new Error(`call request without ${key}`);
  }
  return data as unknown as CallRequest;
}

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(line);
    return typeof data === "object" && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function isId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/**
 * argv that starts this same program again: the compiled binary alone, or `bun <script>` when
 * running from source (`bun src/main.ts`). `executablePath` is the context's (a test may point
 * it at a compiled binary).
 */
export function selfCommand(executablePath: string = process.execPath): string[] {
  const script = process.argv[1];
  const fromSource =
    executablePath === process.execPath &&
    script !== undefined &&
    !script.startsWith("/$bunfs/") &&
    /\.[cm]?[jt]s$/.test(script);
  return fromSource ? [executablePath, script] : [executablePath];
}
