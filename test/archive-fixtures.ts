import { deflateRawSync } from "node:zlib";
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

/** One member to put in a test archive. */
export interface FixtureEntry {
  readonly name: string;
  /** tar type flag: "0" file, "1" hardlink, "2" symlink, "3" char device, "5" dir, "6" fifo. */
  readonly type?: string;
  readonly body?: string;
  readonly linkName?: string;
  readonly mode?: number;
}

const encoder = new TextEncoder();

/** A ustar archive written byte by byte, so tests can craft entries no honest tar would write. */
export function tarOf(entries: readonly FixtureEntry[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const entry of entries) {
    const body = encoder.encode(entry.body ?? "");
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

/** A zip with unix modes (deflated files, stored symlinks), as `zip -y` writes them. */
export function zipOf(entries: readonly FixtureEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const raw = encoder.encode(entry.type === "2" ? (entry.linkName ?? "") : (entry.body ?? ""));
    const deflate = entry.type !== "2" && entry.type !== "5";
    const stored = deflate ? deflateRawSync(raw) : raw;
    const kind =
      entry.type === "2" ? 0o120000 : entry.type === "5" ? 0o040000 : entry.type === "3" ? 0o020000 : 0o100000;
    const mode = kind | (entry.mode ?? (entry.type === "5" ? 0o755 : 0o644));
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(8, deflate ? 8 : 0, true);
    local.setUint32(14, Bun.hash.crc32(raw), true);
    local.setUint32(18, stored.length, true);
    local.setUint32(22, raw.length, true);
    local.setUint16(26, name.length, true);
    locals.push(new Uint8Array(local.buffer), name, stored);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(4, (3 << 8) | 30, true);
    central.setUint16(10, deflate ? 8 : 0, true);
    central.setUint32(16, Bun.hash.crc32(raw), true);
    central.setUint32(20, stored.length, true);
    central.setUint32(24, raw.length, true);
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
