import { deflateRawSync, gzipSync } from "node:zlib";
import { ArchiveProblem } from "../src/executors/archive/entries";

/** The message of the ArchiveProblem `run` throws; any other outcome fails the test. */
export function archiveProblemOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ArchiveProblem) return error.message;
    throw error;
  }
  throw new Error("expected an ArchiveProblem");
}

/** One member to put in a test archive (.tar, .tar.gz or .zip). */
export interface FixtureEntry {
  readonly name: string;
  /** tar type flag: "0" file, "1" hardlink, "2" symlink, "3" char device, "5" dir, "6" fifo, "x" pax header. */
  readonly type?: string;
  readonly body?: string | Uint8Array;
  readonly linkName?: string;
  /** Permission bits (the zip writer adds the file type's bits). */
  readonly mode?: number;
  /** zip only: deflate the body (default: files deflated, directories and symlinks stored). */
  readonly deflate?: boolean;
  /** zip only: the uncompressed size the headers declare, to test an archive that lies (default: the real one). */
  readonly declaredSize?: number;
}

const encoder = new TextEncoder();

function bytesOf(body: string | Uint8Array | undefined): Uint8Array {
  return typeof body === "string" ? encoder.encode(body) : (body ?? new Uint8Array());
}

/** A ustar archive written byte by byte, so tests can craft entries no honest tar would write. */
export function tarOf(entries: readonly FixtureEntry[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const entry of entries) {
    const body = bytesOf(entry.body);
    const header = new Uint8Array(512);
    const put = (offset: number, length: number, text: string) =>
      header.set(encoder.encode(text).subarray(0, length), offset);
    const octal = (offset: number, length: number, value: number) =>
      put(offset, length, `${value.toString(8).padStart(length - 1, "0")}\0`);
    put(0, 100, entry.name);
    octal(100, 8, entry.mode ?? 0o644);
    octal(108, 8, 0);
    octal(116, 8, 0);
    octal(124, 12, body.length);
    octal(136, 12, 0);
    put(148, 8, "        ");
    put(156, 1, entry.type ?? "0");
    put(157, 100, entry.linkName ?? "");
    put(257, 6, "ustar\0");
    put(263, 2, "00");
    const sum = header.reduce((total, byte) => total + byte, 0);
    put(148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
    blocks.push(header, body, new Uint8Array((512 - (body.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  return concat(blocks);
}

/** tarOf, gzipped: a .tar.gz. */
export function tarGz(entries: readonly FixtureEntry[]): Uint8Array {
  return gzipSync(tarOf(entries));
}

/** A pax extended header entry setting the next entry's `path` (names past ustar's 100 bytes). */
export function paxPath(path: string): FixtureEntry {
  const body = (length: number) => `${length} path=${path}\n`;
  let length = body(0).length;
  while (body(length).length !== length) length = body(length).length;
  return { name: "PaxHeader", type: "x", body: body(length) };
}

/** A zip with unix modes (deflated files, stored symlinks), as `zip -y` writes them. */
export function zipOf(entries: readonly FixtureEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const raw = entry.type === "2" ? encoder.encode(entry.linkName ?? "") : bytesOf(entry.body);
    const deflate = entry.deflate ?? (entry.type !== "2" && entry.type !== "5");
    const size = entry.declaredSize ?? raw.length;
    const stored = deflate ? deflateRawSync(raw) : raw;
    const kind =
      entry.type === "2" ? 0o120000 : entry.type === "5" ? 0o040000 : entry.type === "3" ? 0o020000 : 0o100000;
    const mode = kind | (entry.mode ?? (entry.type === "5" ? 0o755 : 0o644));
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(8, deflate ? 8 : 0, true);
    local.setUint32(14, Bun.hash.crc32(raw), true);
    local.setUint32(18, stored.length, true);
    local.setUint32(22, size, true);
    local.setUint16(26, name.length, true);
    locals.push(new Uint8Array(local.buffer), name, stored);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(4, (3 << 8) | 30, true);
    central.setUint16(6, 20, true);
    central.setUint16(10, deflate ? 8 : 0, true);
    central.setUint32(16, Bun.hash.crc32(raw), true);
    central.setUint32(20, stored.length, true);
    central.setUint32(24, size, true);
    central.setUint16(28, name.length, true);
    central.setUint32(38, (mode << 16) >>> 0, true);
    central.setUint32(42, offset, true);
    centrals.push(new Uint8Array(central.buffer), name);
    offset += 30 + name.length + stored.length;
  }
  const directory = concat(centrals);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, directory.length, true);
  end.setUint32(16, offset, true);
  return concat([...locals, directory, new Uint8Array(end.buffer)]);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
