import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { parseDotenv } from "./dotenv";

export const IMPORT_FORMATS = ["envfile", "json"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export function assertImportFormat(format: string): ImportFormat {
  if (!(IMPORT_FORMATS as readonly string[]).includes(format)) fail(`Unknown format: ${format}`, "usage");
  return format as ImportFormat;
}

/**
 * How much text config:import reads. Far above what the config bounds let through (256 KiB of
 * `KEY=value`, however quoted), so an oversized value is refused naming its key and size, and
 * low enough that no input can exhaust memory.
 */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/**
 * The text to import: standard input for `-`, else a file on the server, at most
 * MAX_IMPORT_BYTES. Over SSH only standard input is read: a remote user must not load the
 * server's files (another app's ENV among them).
 */
export async function readImportSource(ctx: Context, file: string | undefined): Promise<string> {
  if (file === undefined || file === "") return "";
  if (file === "-") {
    ctx.out.step("Reading config vars from stdin");
    return (await ctx.input.readAtMost(MAX_IMPORT_BYTES)) ?? tooLarge("standard input");
  }
  if (ctx.env.SSH_ORIGINAL_COMMAND !== undefined) {
    fail("config:import over ssh reads standard input only: pass - and pipe the file", "import-file-over-ssh");
  }
  let fd: number;
  try {
    fd = openSync(file, "r");
    const stat = fstatSync(fd);
    if (stat.isDirectory()) closeAndThrow(fd, "EISDIR");
    if (!ownerMayRead(stat, ctx.owner)) closeAndThrow(fd, "EACCES");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file or directory"
        : code === "EACCES"
          ? "permission denied"
          : code === "EISDIR"
            ? "is a directory"
            : String(code);
    return fail(`open ${file}: ${reason}`, "import-file");
  }
  try {
    return readAtMost(fd, MAX_IMPORT_BYTES) ?? tooLarge(file);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(source: string): never {
  return fail(
    `${source} is larger than ${MAX_IMPORT_BYTES} bytes: config:import reads at most that much`,
    "import-too-large",
  );
}

/**
 * Whether the state owner (the dokku user, when root runs the command) may read a file of this
 * owner and mode: Dokku runs every command as that user, so root's private files are not
 * imported (`open <file>: permission denied`) until handed to it. Pure.
 */
export function ownerMayRead(
  stat: { uid: number; gid: number; mode: number },
  owner: { uid: number; gid: number } | undefined,
): boolean {
  if (owner === undefined) return true;
  if (stat.uid === owner.uid) return (stat.mode & 0o400) !== 0;
  if (stat.gid === owner.gid) return (stat.mode & 0o040) !== 0;
  return (stat.mode & 0o004) !== 0;
}

function closeAndThrow(fd: number, code: string): never {
  closeSync(fd);
  throw Object.assign(new Error(code), { code });
}

/** The file's text, reading no more than `max` + 1 bytes (a FIFO or device too); undefined past `max`. */
function readAtMost(fd: number, max: number): string | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(1024 * 1024);
  for (;;) {
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    total += read;
    if (total > max) return undefined;
    chunks.push(Buffer.from(chunk.subarray(0, read)));
  }
  return Buffer.concat(chunks, total).toString("utf8");
}

/** Parses imported text: dotenv (see dotenv.ts) or a JSON object of strings. Pure. */
export function parseImport(text: string, format: ImportFormat): Map<string, string> {
  return format === "json" ? parseJsonEnv(text) : parseDotenv(text);
}

/** A JSON object whose values are all strings, as Go decodes it into map[string]string. Pure. */
export function parseJsonEnv(text: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's message may quote the input, which holds secrets: say only what was wrong.
    return fail("invalid JSON: expected an object whose values are strings", "invalid-json");
  }
  if (parsed === null) return new Map();
  if (typeof parsed !== "object" || Array.isArray(parsed)) {
    return fail(`json: cannot unmarshal ${jsonKind(parsed)} into Go value of type map[string]string`, "invalid-json");
  }
  const env = new Map<string, string>();
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== "string")
      fail(`json: cannot unmarshal ${jsonKind(value)} into Go value of type string (key ${key})`, "invalid-json");
    env.set(key, value);
  }
  return env;
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  return typeof value === "boolean" ? "bool" : typeof value;
}
