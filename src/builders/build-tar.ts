/** One member of a build context archive. */
export interface TarEntry {
  /** Path inside the archive, `/`-separated, no leading slash; directories without a trailing one. */
  readonly name: string;
  readonly type: "file" | "directory" | "symlink";
  readonly mode: number;
  readonly size: number;
  /** Seconds since the epoch. */
  readonly mtime: number;
  readonly linkname?: string;
}

export const TAR_BLOCK = 512;
const encoder = new TextEncoder();
const TYPE_FLAG = { file: "0", directory: "5", symlink: "2" } as const;

/**
 * The header block(s) of one tar member (ustar; a PAX record first when the name or link does
 * not fit in 100 bytes). Owner 0:0, as `docker build` sends contexts. Pure.
 */
export function tarHeader(entry: TarEntry): Uint8Array {
  const name = entry.type === "directory" ? `${entry.name}/` : entry.name;
  const linkname = entry.linkname ?? "";
  const pax: string[] = [];
  if (encoder.encode(name).length > 100) pax.push(paxRecord("path", name));
  if (encoder.encode(linkname).length > 100) pax.push(paxRecord("linkpath", linkname));
  const size = entry.type === "file" ? entry.size : 0;
  const main = ustarHeader(truncate(name), size, entry.mode, entry.mtime, TYPE_FLAG[entry.type], truncate(linkname));
  if (pax.length === 0) return main;
  const body = encoder.encode(pax.join(""));
  const paxHeader = ustarHeader(truncate(`PaxHeaders/${name}`), body.length, 0o644, entry.mtime, "x", "");
  return concat([paxHeader, padToBlock(body), main]);
}

/** Zero bytes that pad `size` bytes of content to a whole block. Pure. */
export function tarPadding(size: number): Uint8Array {
  const rest = size % TAR_BLOCK;
  return new Uint8Array(rest === 0 ? 0 : TAR_BLOCK - rest);
}

/** The end of an archive: two zero blocks. */
export const TAR_END = new Uint8Array(TAR_BLOCK * 2);

function ustarHeader(
  name: string,
  size: number,
  mode: number,
  mtime: number,
  type: string,
  linkname: string,
): Uint8Array {
  const block = new Uint8Array(TAR_BLOCK);
  const put = (offset: number, text: string) => block.set(encoder.encode(text), offset);
  put(0, name);
  put(100, octal(mode & 0o7777, 8));
  put(108, octal(0, 8));
  put(116, octal(0, 8));
  put(124, octal(size, 12));
  put(136, octal(Math.max(0, Math.floor(mtime)), 12));
  put(148, "        ");
  put(156, type);
  put(157, linkname);
  put(257, "ustar\u000000");
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  put(148, `${checksum.toString(8).padStart(6, "0")}\u0000 `);
  return block;
}

function truncate(text: string): string {
  const bytes = encoder.encode(text);
  return bytes.length <= 100 ? text : new TextDecoder().decode(bytes.slice(0, 100)).replace(/\uFFFD$/, "");
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\u0000`;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyLength = encoder.encode(body).length;
  let length = bodyLength + 1;
  while (String(length).length + bodyLength !== length) length = String(length).length + bodyLength;
  return `${length}${body}`;
}

function padToBlock(content: Uint8Array): Uint8Array {
  return concat([content, tarPadding(content.length)]);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
