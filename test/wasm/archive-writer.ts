/** Writes .tar.gz and .zip archives for tests, including the hostile entries a real tool would refuse to make. */
import { deflateRawSync, gzipSync } from "node:zlib";

export interface TarEntry {
  readonly path: string;
  readonly data?: string | Uint8Array;
  /** tar typeflag: "0" file (default), "5" dir, "2" symlink, "1" hard link, "3" char device, "x" pax header. */
  readonly type?: string;
  readonly linkname?: string;
}

function bytesOf(data: string | Uint8Array | undefined): Uint8Array {
  return typeof data === "string" ? new TextEncoder().encode(data) : (data ?? new Uint8Array());
}

function put(block: Uint8Array, offset: number, text: string): void {
  block.set(new TextEncoder().encode(text), offset);
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

/** A ustar archive, gzipped. */
export function tarGz(entries: readonly TarEntry[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const entry of entries) {
    const data = bytesOf(entry.data);
    const header = new Uint8Array(512);
    put(header, 0, entry.path.slice(0, 100));
    put(header, 100, octal(0o644, 8));
    put(header, 108, octal(0, 8));
    put(header, 116, octal(0, 8));
    put(header, 124, octal(data.length, 12));
    put(header, 136, octal(0, 12));
    put(header, 148, "        ");
    put(header, 156, entry.type ?? "0");
    if (entry.linkname) put(header, 157, entry.linkname);
    put(header, 257, "ustar\0");
    put(header, 263, "00");
    const sum = header.reduce((total, byte) => total + byte, 0);
    put(header, 148, `${sum.toString(8).padStart(6, "0")}\0 `);
    blocks.push(header, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  return gzipSync(Buffer.concat(blocks));
}

/** A pax extended header entry setting `path`. */
export function paxPath(path: string): TarEntry {
  const body = (length: number) => `${length} path=${path}\n`;
  let length = body(0).length;
  while (body(length).length !== length) length = body(length).length;
  return { path: "PaxHeader", type: "x", data: body(length) };
}

export interface ZipEntry {
  readonly path: string;
  readonly data?: string | Uint8Array;
  /** Unix mode in the external attributes (e.g. 0o120777 for a symlink); default a regular file. */
  readonly mode?: number;
  readonly deflate?: boolean;
  /** Overrides the declared uncompressed size (to test lies). */
  readonly declaredSize?: number;
}

/** A zip archive (made by "unix", so modes count). */
export function zip(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = bytesOf(entry.data);
    const stored = entry.deflate ? deflateRawSync(data) : data;
    const name = new TextEncoder().encode(entry.path);
    const crc = Bun.hash.crc32(data);
    const size = entry.declaredSize ?? data.length;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, entry.deflate ? 8 : 0, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, stored.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, (3 << 8) | 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, entry.deflate ? 8 : 0, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, stored.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(38, ((entry.mode ?? (entry.path.endsWith("/") ? 0o040755 : 0o100644)) << 16) >>> 0, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, stored);
    centrals.push(central);
    offset += local.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, directory.length, true);
  ev.setUint32(16, offset, true);
  return Buffer.concat([...locals, directory, end]);
}
