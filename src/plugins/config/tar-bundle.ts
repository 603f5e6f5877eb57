import { sortedKeys, type Env } from "./keys";

const BLOCK = 512;
const encoder = new TextEncoder();

/**
 * `config:bundle`: a tar archive with one regular file per key, holding the value, mode 0600,
 * owner 0 and time 0, as Dokku's ExportBundle writes it. A key over 100 bytes gets a PAX
 * `path` record. Pure.
 */
export function tarBundle(env: Env): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const key of sortedKeys(env)) {
    const content = encoder.encode(env.get(key) as string);
    if (key.length > 100) {
      const record = paxRecord("path", key);
      parts.push(header(`PaxHeaders.0/${key}`.slice(0, 100), record.length, "x"), padded(record));
    }
    parts.push(header(key.slice(0, 100), content.length, "0"), padded(content));
  }
  parts.push(new Uint8Array(BLOCK * 2));
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const archive = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    archive.set(part, offset);
    offset += part.length;
  }
  return archive;
}

function header(name: string, size: number, type: "0" | "x"): Uint8Array {
  const block = new Uint8Array(BLOCK);
  const put = (offset: number, text: string) => block.set(encoder.encode(text), offset);
  put(0, name);
  put(100, octal(0o600, 8));
  put(108, octal(0, 8));
  put(116, octal(0, 8));
  put(124, octal(size, 12));
  put(136, octal(0, 12));
  put(148, "        ");
  put(156, type);
  put(257, "ustar\u000000");
  put(329, octal(0, 8));
  put(337, octal(0, 8));
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  put(148, `${checksum.toString(8).padStart(6, "0")}\u0000 `);
  return block;
}

/** `width - 1` octal digits and a NUL. */
function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\u0000`;
}

/** A PAX record, `<length> <key>=<value>\n`, where length counts the whole record. */
function paxRecord(key: string, value: string): Uint8Array {
  const body = ` ${key}=${value}\n`;
  const bodyLength = encoder.encode(body).length;
  let length = bodyLength + 1;
  while (String(length).length + bodyLength !== length) length = String(length).length + bodyLength;
  return encoder.encode(`${length}${body}`);
}

function padded(content: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(content.length / BLOCK) * BLOCK);
  out.set(content);
  return out;
}
