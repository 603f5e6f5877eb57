import { inflateRawSync } from "node:zlib";
import { ArchiveProblem, tooManyEntries, type ArchiveEntry } from "./entries";

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const MAX_SYMLINK_TARGET = 4096;
const decoder = new TextDecoder();

/**
 * Reads a zip's central directory without writing anything. Sizes are the declared ones;
 * contents are inflated only when asked (after validation), never beyond the declared size, and
 * must match their CRC. Symlink targets are read now, as they must be checked, so more than
 * `maxFiles` entries are refused before any is read. Pure.
 */
export function readZip(bytes: Uint8Array, maxFiles = Number.POSITIVE_INFINITY): ArchiveEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEnd(view);
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff)
    throw new ArchiveProblem("Archive is a zip64 file, which is not supported");
  if (count > maxFiles) throw tooManyEntries(count, maxFiles);
  const entries: ArchiveEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL_FILE_HEADER) {
      throw new ArchiveProblem("Archive is not a valid zip file (bad central directory)");
    }
    const madeBy = view.getUint16(offset + 4, true) >> 8;
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const crc = view.getUint32(offset + 16, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const mode = madeBy === UNIX_HOST ? view.getUint32(offset + 38, true) >>> 16 : 0;
    const localOffset = view.getUint32(offset + 42, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
    const read = () => contents(bytes, view, { localOffset, compressedSize, size, method, flags, crc, name });
    entries.push(member(name, mode, size, read));
  }
  return entries;
}

function member(name: string, mode: number, size: number, read: () => Uint8Array): ArchiveEntry {
  const kind = mode & S_IFMT;
  const permissions = mode & 0o7777;
  if (kind === S_IFLNK) {
    if (size > MAX_SYMLINK_TARGET)
      throw new ArchiveProblem(`Archive contains a symlink with an oversized target: ${name}`);
    return { name, type: "symlink", mode: permissions, size: 0, linkName: decoder.decode(read()) };
  }
  if (kind === S_IFDIR || (name.endsWith("/") && (kind === 0 || kind === S_IFDIR)))
    return { name, type: "dir", mode: permissions, size: 0 };
  if (kind !== 0 && kind !== S_IFREG) return { name, type: "special", mode: permissions, size: 0 };
  return { name, type: "file", mode: permissions || 0o644, size, data: read };
}

interface Stored {
  readonly localOffset: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly name: string;
}

function contents(bytes: Uint8Array, view: DataView, stored: Stored): Uint8Array {
  if ((stored.flags & 1) !== 0) throw new ArchiveProblem(`Archive contains an encrypted entry: ${stored.name}`);
  const at = stored.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_FILE_HEADER) {
    throw new ArchiveProblem(`Archive is not a valid zip file (bad local header for ${stored.name})`);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + stored.compressedSize > bytes.length)
    throw new ArchiveProblem(`Archive is not a valid zip file (truncated ${stored.name})`);
  const raw = bytes.subarray(start, start + stored.compressedSize);
  if (stored.method === 0) {
    if (raw.length !== stored.size)
      throw new ArchiveProblem(`Archive entry ${stored.name} does not match its declared size`);
    return checked(raw, stored);
  }
  if (stored.method !== 8)
    throw new ArchiveProblem(`Archive entry ${stored.name} uses an unsupported compression method (${stored.method})`);
  let data: Uint8Array;
  try {
    // never more than declared: a lying header cannot unpack past the size limit
    data = inflateRawSync(raw, { maxOutputLength: Math.max(stored.size, 1) });
  } catch {
    throw new ArchiveProblem(`Archive entry ${stored.name} does not inflate to its declared size`);
  }
  if (data.length !== stored.size)
    throw new ArchiveProblem(`Archive entry ${stored.name} does not match its declared size`);
  return checked(data, stored);
}

function checked(data: Uint8Array, stored: Stored): Uint8Array {
  if (Bun.hash.crc32(data) !== stored.crc) throw new ArchiveProblem(`Archive entry ${stored.name} fails its CRC check`);
  return data;
}

function findEnd(view: DataView): number {
  for (let offset = view.byteLength - 22; offset >= Math.max(0, view.byteLength - 22 - 0xffff); offset--) {
    if (view.getUint32(offset, true) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new ArchiveProblem("Archive is not a valid zip file (no end of central directory)");
}
