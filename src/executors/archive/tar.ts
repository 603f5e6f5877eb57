import { ArchiveProblem, type ArchiveEntry } from "./entries";

const BLOCK = 512;
const decoder = new TextDecoder();

/**
 * Reads the members of a tar archive (ustar, GNU long names, pax headers) without writing
 * anything. Contents stay views into `bytes`. Pure.
 */
export function readTar(bytes: Uint8Array): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  while (offset + BLOCK <= bytes.length) {
    const header = bytes.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    if (!checksumMatches(header)) throw new ArchiveProblem("Archive is not a valid tar file (bad header checksum)");
    const type = String.fromCharCode(header[156] ?? 0);
    const size = pax.size !== undefined ? Number(pax.size) : readNumber(header.subarray(124, 136));
    const start = offset + BLOCK;
    if (!Number.isSafeInteger(size) || size < 0 || start + size > bytes.length) {
      throw new ArchiveProblem("Archive is not a valid tar file (truncated member)");
    }
    const body = bytes.subarray(start, start + size);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "L") longName = cString(body);
    else if (type === "K") longLink = cString(body);
    else if (type === "x") pax = readPax(body);
    else if (type === "g") continue;
    else {
      const name = pax.path ?? longName ?? headerName(header);
      const linkName = pax.linkpath ?? longLink ?? cString(header.subarray(157, 257));
      entries.push(member(name, type, readNumber(header.subarray(100, 108)), size, linkName, body));
      longName = longLink = undefined;
      pax = {};
    }
  }
  return entries;
}

function member(
  name: string,
  type: string,
  mode: number,
  size: number,
  linkName: string,
  body: Uint8Array,
): ArchiveEntry {
  switch (type) {
    case "0":
    case "\0":
    case "7":
      return name.endsWith("/") && size === 0
        ? { name, type: "dir", mode, size: 0 }
        : { name, type: "file", mode, size, data: () => body };
    case "5":
      return { name, type: "dir", mode, size: 0 };
    case "2":
      return { name, type: "symlink", mode, size: 0, linkName };
    case "1":
      return { name, type: "hardlink", mode, size: 0, linkName };
    default:
      return { name, type: "special", mode, size: 0 };
  }
}

function headerName(header: Uint8Array): string {
  const name = cString(header.subarray(0, 100));
  const isUstar = decoder.decode(header.subarray(257, 262)) === "ustar";
  const prefix = isUstar ? cString(header.subarray(345, 500)) : "";
  return prefix === "" ? name : `${prefix}/${name}`;
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return decoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

/** Octal, or GNU base-256 when the high bit of the first byte is set. */
function readNumber(field: Uint8Array): number {
  if (((field[0] ?? 0) & 0x80) !== 0) {
    let value = (field[0] ?? 0) & 0x7f;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    return value;
  }
  const text = cString(field).trim();
  return text === "" ? 0 : Number.parseInt(text, 8);
}

function checksumMatches(header: Uint8Array): boolean {
  let sum = 0;
  for (let index = 0; index < BLOCK; index++) sum += index >= 148 && index < 156 ? 32 : (header[index] ?? 0);
  return sum === readNumber(header.subarray(148, 156));
}

/** pax records: `<length> <key>=<value>\n`. */
function readPax(body: Uint8Array): Record<string, string> {
  const records: Record<string, string> = {};
  let offset = 0;
  while (offset < body.length) {
    const space = body.indexOf(0x20, offset);
    const length = Number(decoder.decode(body.subarray(offset, space)));
    if (space === -1 || !Number.isSafeInteger(length) || length <= 0)
      throw new ArchiveProblem("Archive is not a valid tar file (bad pax header)");
    const record = decoder.decode(body.subarray(space + 1, offset + length - 1));
    const equals = record.indexOf("=");
    if (equals > 0) records[record.slice(0, equals)] = record.slice(equals + 1);
    offset += length;
  }
  return records;
}
