/**
 * Reads a plugin archive (.tar.gz or .zip) into memory, safely: only regular files and
 * directories, relative paths without `..`, bounded sizes and entry counts. Nothing touches
 * the disk here; the installer picks the files it needs. Pure (apart from CPU).
 */
import { gunzipSync, inflateRawSync } from "node:zlib";

export interface ArchiveEntry {
  /** Normalised relative path, `/`-separated, no leading `./`. */
  readonly path: string;
  readonly data: Uint8Array;
}

export interface ArchiveLimits {
  /** Total bytes of all files once decompressed. */
  readonly maxTotalBytes: number;
  readonly maxEntries: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxTotalBytes: 64 * 1024 * 1024, maxEntries: 1_000 };

/** A refused archive; the message says why. */
export class ArchiveError extends Error {}

export type ArchiveKind = "tar.gz" | "zip";

/** Which archive the bytes are, from their magic number. Pure. */
export function archiveKind(bytes: Uint8Array): ArchiveKind | undefined {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return "tar.gz";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "zip";
  return undefined;
}

/** The files of a .tar.gz or .zip, refusing anything unsafe. */
export function readArchive(bytes: Uint8Array, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): ArchiveEntry[] {
  const kind = archiveKind(bytes);
  if (kind === "tar.gz") return readTarGz(bytes, limits);
  if (kind === "zip") return readZip(bytes, limits);
  throw new ArchiveError("not a .tar.gz or .zip archive");
}

/** A safe relative path, or an ArchiveError. Pure. */
export function safeEntryPath(raw: string): string {
  if (raw.includes("\0")) throw new ArchiveError("an entry name holds a NUL byte");
  if (raw.startsWith("/") || /^[A-Za-z]:/.test(raw) || raw.includes("\\")) {
    throw new ArchiveError(`entry "${raw}" has an absolute or non-POSIX path`);
  }
  const parts = raw.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.includes("..")) throw new ArchiveError(`entry "${raw}" reaches outside the archive (..)`);
  return parts.join("/");
}

function decompress(what: string, run: (max: number) => Uint8Array, max: number): Uint8Array {
  try {
    return run(max);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_BUFFER_TOO_LARGE" || /larger than/.test(String((error as Error).message))) {
      throw new ArchiveError(`${what} expands past ${max} bytes`);
    }
    throw new ArchiveError(`${what} is corrupt: ${(error as Error).message}`);
  }
}

const TAR_BLOCK = 512;

function tarString(block: Uint8Array, start: number, length: number): string {
  const slice = block.subarray(start, start + length);
  const end = slice.indexOf(0);
  return new TextDecoder().decode(end === -1 ? slice : slice.subarray(0, end));
}

function tarNumber(block: Uint8Array, start: number, length: number, what: string): number {
  if ((block[start] as number) & 0x80) throw new ArchiveError(`tar ${what} in base-256 is not supported`);
  const text = tarString(block, start, length).trim();
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) throw new ArchiveError(`tar ${what} is not an octal number`);
  return Number.parseInt(text, 8);
}

function paxPath(data: Uint8Array): string | undefined {
  const text = new TextDecoder().decode(data);
  let path: string | undefined;
  for (const line of text.split("\n")) {
    const match = /^\d+ path=(.*)$/.exec(line);
    if (match) path = match[1];
  }
  return path;
}

/** A .tar.gz's regular files. */
export function readTarGz(bytes: Uint8Array, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): ArchiveEntry[] {
  // the tar stream holds headers and padding beside the files: allow for them
  const maxTar = limits.maxTotalBytes + (limits.maxEntries + 2) * TAR_BLOCK * 2;
  const tar = decompress("the gzip stream", (max) => gunzipSync(bytes, { maxOutputLength: max }), maxTar);
  const entries: ArchiveEntry[] = [];
  let total = 0;
  let offset = 0;
  let longName: string | undefined;
  let headers = 0;
  while (offset + TAR_BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + TAR_BLOCK);
    if (header.every((byte) => byte === 0)) break;
    if (++headers > limits.maxEntries * 2) throw new ArchiveError(`more than ${limits.maxEntries} entries`);
    const stored = tarNumber(header, 148, 8, "checksum");
    let sum = 0;
    for (let index = 0; index < TAR_BLOCK; index++) sum += index >= 148 && index < 156 ? 32 : (header[index] as number);
    if (sum !== stored) throw new ArchiveError(`tar header checksum mismatch at byte ${offset}`);
    const size = tarNumber(header, 124, 12, "size");
    const type = String.fromCharCode(header[156] as number);
    const prefix = tarString(header, 257, 6) === "ustar" ? tarString(header, 345, 155) : "";
    const base = tarString(header, 0, 100);
    const rawName = longName ?? (prefix === "" ? base : `${prefix}/${base}`);
    const dataStart = offset + TAR_BLOCK;
    if (dataStart + size > tar.length) throw new ArchiveError(`tar entry "${rawName}" is truncated`);
    const data = tar.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / TAR_BLOCK) * TAR_BLOCK;
    if (type === "x" || type === "L") {
      if (size > 64 * 1024) throw new ArchiveError("tar extended header too large");
      longName = type === "L" ? tarString(data, 0, data.length) : paxPath(data);
      continue;
    }
    longName = undefined;
    if (type === "g") continue;
    if (type === "5") {
      safeEntryPath(rawName);
      continue;
    }
    if (type !== "0" && type !== "\0" && type !== "7") {
      throw new ArchiveError(
        `entry "${rawName}" is a ${TAR_TYPES[type] ?? `type ${JSON.stringify(type)} entry`}, not a regular file`,
      );
    }
    total += size;
    if (total > limits.maxTotalBytes) throw new ArchiveError(`files total more than ${limits.maxTotalBytes} bytes`);
    if (entries.length >= limits.maxEntries) throw new ArchiveError(`more than ${limits.maxEntries} entries`);
    entries.push({ path: safeEntryPath(rawName), data: data.slice() });
  }
  return entries;
}

const TAR_TYPES: Record<string, string> = {
  "1": "hard link",
  "2": "symbolic link",
  "3": "character device",
  "4": "block device",
  "6": "FIFO",
};

const ZIP = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50 } as const;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/** A .zip's regular files (stored or deflated; no encryption, no zip64). */
export function readZip(bytes: Uint8Array, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): ArchiveEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (u32(at) === ZIP.end) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ArchiveError("zip end-of-directory record not found");
  const count = u16(end + 10);
  const directoryOffset = u32(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new ArchiveError("zip64 archives are not supported");
  if (count > limits.maxEntries) throw new ArchiveError(`more than ${limits.maxEntries} entries`);
  const entries: ArchiveEntry[] = [];
  let total = 0;
  let at = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > bytes.length || u32(at) !== ZIP.central) throw new ArchiveError("zip central directory is corrupt");
    const madeBy = u16(at + 4) >> 8;
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const compressedSize = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    const mode = madeBy === 3 ? u32(at + 38) >>> 16 : 0;
    const localOffset = u32(at + 42);
    const rawName = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    const isDir = rawName.endsWith("/") || (mode & S_IFMT) === S_IFDIR;
    if (mode !== 0 && (mode & S_IFMT) !== S_IFREG && (mode & S_IFMT) !== S_IFDIR) {
      throw new ArchiveError(`entry "${rawName}" is a link or device, not a regular file`);
    }
    const path = safeEntryPath(rawName);
    if (isDir) continue;
    if (flags & 0x01) throw new ArchiveError(`entry "${rawName}" is encrypted`);
    if (method !== 0 && method !== 8)
      throw new ArchiveError(`entry "${rawName}" uses unsupported compression ${method}`);
    total += size;
    if (total > limits.maxTotalBytes) throw new ArchiveError(`files total more than ${limits.maxTotalBytes} bytes`);
    if (localOffset + 30 > bytes.length || u32(localOffset) !== ZIP.local)
      throw new ArchiveError(`entry "${rawName}" has no local header`);
    const dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    if (dataStart + compressedSize > bytes.length) throw new ArchiveError(`entry "${rawName}" is truncated`);
    const raw = bytes.subarray(dataStart, dataStart + compressedSize);
    const data =
      method === 0
        ? raw.slice()
        : decompress(`entry "${rawName}"`, (max) => inflateRawSync(raw, { maxOutputLength: max }), Math.max(size, 1));
    if (data.length !== size) throw new ArchiveError(`entry "${rawName}" is not the size its header says`);
    if (Bun.hash.crc32(data) !== crc) throw new ArchiveError(`entry "${rawName}" fails its CRC check`);
    entries.push({ path, data });
  }
  return entries;
}

/**
 * Where the plugin sits in an archive: at its root, or in its single top directory
 * (`maintenance-1.0.0/plugin.toml`, as release tarballs are laid out). Returns the entries
 * relative to that directory. Pure.
 */
export function pluginRoot(entries: readonly ArchiveEntry[]): Map<string, Uint8Array> {
  const files = new Map(entries.map((entry) => [entry.path, entry.data]));
  if (files.has("plugin.toml")) return files;
  const tops = new Set(entries.map((entry) => entry.path.split("/")[0]));
  const [top] = tops;
  if (tops.size === 1 && top !== undefined && files.has(`${top}/plugin.toml`)) {
    return new Map(
      entries
        .filter((entry) => entry.path.startsWith(`${top}/`))
        .map((entry) => [entry.path.slice(top.length + 1), entry.data]),
    );
  }
  throw new ArchiveError("no plugin.toml at the top of the archive (or in its single top directory)");
}
