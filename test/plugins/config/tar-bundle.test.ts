import { describe, expect, test } from "bun:test";
import { tarBundle } from "../../../src/plugins/config/tar-bundle";

interface Entry {
  name: string;
  mode: string;
  type: string;
  size: number;
  content: string;
  checksumOk: boolean;
}

/** A minimal ustar reader, to check what the writer wrote. */
function readTar(archive: Uint8Array): Entry[] {
  const text = (from: number, length: number) =>
    new TextDecoder().decode(archive.slice(from, from + length)).replace(/\0.*$/s, "");
  const out: Entry[] = [];
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const header = archive.slice(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = Number.parseInt(text(offset + 124, 12), 8);
    const stored = Number.parseInt(text(offset + 148, 8), 8);
    const checksum = header.reduce((sum, byte, i) => sum + (i >= 148 && i < 156 ? 32 : byte), 0);
    out.push({
      name: text(offset, 100),
      mode: text(offset + 100, 8),
      type: text(offset + 156, 1),
      size,
      content: new TextDecoder().decode(archive.slice(offset + 512, offset + 512 + size)),
      checksumOk: stored === checksum,
    });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

describe("tarBundle", () => {
  test("writes one 0600 regular file per key, sorted, holding the value", () => {
    const archive = tarBundle(
      new Map([
        ["B", "two\nlines é"],
        ["A", ""],
      ]),
    );
    expect(readTar(archive)).toEqual([
      { name: "A", mode: "0000600", type: "0", size: 0, content: "", checksumOk: true },
      { name: "B", mode: "0000600", type: "0", size: 12, content: "two\nlines é", checksumOk: true },
    ]);
    expect(archive.length).toBe(512 + 512 + 512 + 1024);
  });

  test("ends an empty bundle with the two zero blocks only", () => {
    expect(tarBundle(new Map())).toEqual(new Uint8Array(1024));
  });

  test("names a key over 100 bytes in a PAX path record", () => {
    const key = `K${"x".repeat(120)}`;
    const [pax, file] = readTar(tarBundle(new Map([[key, "v"]])));
    expect(pax?.type).toBe("x");
    expect(pax?.content).toBe(`${pax?.size} path=${key}\n`);
    expect(file).toMatchObject({ name: key.slice(0, 100), type: "0", content: "v", checksumOk: true });
  });
});
