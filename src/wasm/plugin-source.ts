/**
 * Brings a plugin's two files (plugin.toml and its module) into memory from where the operator
 * points: a directory, its plugin.toml, a .tar.gz/.zip file, or an http(s) URL of an archive.
 * Nothing is written anywhere.
 */
import { closeSync, fstatSync, lstatSync, openSync, readSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fail } from "../core/errors";
import { ArchiveProblem } from "../executors/archive/entries";
import { readLimited } from "../executors/archive/fetch-bytes";
import { readPluginArchive } from "./archive";

/** What the installer checks: plugin.toml's text, and a reader of the other files by name. */
export interface PluginFiles {
  /** The source as recorded for `plugin:update`: an absolute path, or the URL. */
  readonly source: string;
  readonly manifestText: string;
  /** A file of the plugin by its name in the plugin directory; undefined when absent. */
  file(name: string): Uint8Array | undefined;
}

const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;
const MAX_MANIFEST_BYTES = 64 * 1024;
const DOWNLOAD_TIMEOUT_MS = 60_000;

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** Reads the plugin at `source` (relative paths from `cwd`). */
export async function loadPluginFiles(source: string, cwd: string): Promise<PluginFiles> {
  if (source === "") fail("Please specify a plugin path or URL", "usage");
  if (isUrl(source)) {
    // the source is recorded in the index and printed: no secrets in it
    if (/^https?:\/\/[^/?#]*@/i.test(source))
      fail("Plugin URLs with credentials (user:password@) are not supported", "usage");
    return fromArchive(source, await download(source));
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source))
    fail(`Unsupported plugin source ${source}: use a path or an http(s) URL`, "usage");
  const path = resolve(cwd, source);
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(path);
  } catch {
    return fail(`Plugin source ${source} does not exist`, "source-unreachable");
  }
  if (stat.isDirectory()) return fromDirectory(path, path);
  if (basename(path) === "plugin.toml") return fromDirectory(dirname(path), path);
  return fromArchive(path, readRegularFile(path, MAX_DOWNLOAD_BYTES, source));
}

function fromDirectory(dir: string, source: string): PluginFiles {
  const manifestBytes = readRegularFile(join(dir, "plugin.toml"), MAX_MANIFEST_BYTES, "plugin.toml");
  return {
    source,
    manifestText: decodeManifest(manifestBytes),
    file: (name) => {
      try {
        return readRegularFile(join(dir, name), MAX_DOWNLOAD_BYTES, name);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
  };
}

function fromArchive(source: string, bytes: Uint8Array): PluginFiles {
  let files: Map<string, Uint8Array>;
  try {
    files = readPluginArchive(bytes);
  } catch (error) {
    if (error instanceof ArchiveProblem) fail(`Refusing plugin archive ${source}: ${error.message}`, "plugin-source");
    throw error;
  }
  const manifestBytes = files.get("plugin.toml") as Uint8Array;
  if (manifestBytes.length > MAX_MANIFEST_BYTES)
    fail(`plugin.toml is larger than ${MAX_MANIFEST_BYTES} bytes`, "invalid-plugin");
  return { source, manifestText: decodeManifest(manifestBytes), file: (name) => files.get(name) };
}

function decodeManifest(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("plugin.toml is not UTF-8 text", "invalid-plugin");
  }
}

/** A regular file's bytes (never a link, device or FIFO), at most `max` of them. */
function readRegularFile(path: string, max: number, label: string): Uint8Array {
  const link = lstatSync(path);
  if (!link.isFile()) fail(`${label} is not a regular file`, "plugin-source");
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    if (size > max) fail(`${label} is larger than ${max} bytes`, "plugin-source");
    const bytes = new Uint8Array(size);
    let offset = 0;
    while (offset < size) {
      const read = readSync(fd, bytes, offset, size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return bytes.subarray(0, offset);
  } finally {
    closeSync(fd);
  }
}

async function download(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    return fail(`Could not download ${url}: ${(error as Error).message}`, "source-unreachable");
  }
  if (!response.ok) fail(`Could not download ${url}: HTTP ${response.status}`, "source-unreachable");
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > MAX_DOWNLOAD_BYTES)
    fail(`Could not download ${url}: larger than ${MAX_DOWNLOAD_BYTES} bytes`, "plugin-source");
  if (response.body === null) return new Uint8Array();
  try {
    return await readLimited(response.body, MAX_DOWNLOAD_BYTES);
  } catch (error) {
    if (error instanceof ArchiveProblem)
      fail(`Could not download ${url}: larger than ${MAX_DOWNLOAD_BYTES} bytes`, "plugin-source");
    throw error;
  }
}
