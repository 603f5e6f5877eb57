import { describe, expect, test } from "bun:test";
import { ArchiveError, archiveKind, pluginRoot, readArchive, safeEntryPath } from "../../src/wasm/archive";
import { paxPath, tarGz, zip, type TarEntry, type ZipEntry } from "./archive-writer";

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const SMALL = { maxTotalBytes: 1024, maxEntries: 4 };

describe("archive", () => {
  test("safeEntryPath normalises relative paths and refuses absolute ones and ..", () => {
    expect(safeEntryPath("./a//b/./c")).toBe("a/b/c");
    expect(() => safeEntryPath("/etc/passwd")).toThrow(
      new ArchiveError('entry "/etc/passwd" has an absolute or non-POSIX path'),
    );
    expect(() => safeEntryPath("a/../../x")).toThrow(
      new ArchiveError('entry "a/../../x" reaches outside the archive (..)'),
    );
    expect(() => safeEntryPath("a\\..\\x")).toThrow(ArchiveError);
  });

  test("archiveKind knows gzip and zip by their magic", () => {
    expect(archiveKind(tarGz([]))).toBe("tar.gz");
    expect(archiveKind(zip([{ path: "a", data: "x" }]))).toBe("zip");
    expect(archiveKind(new TextEncoder().encode("name ="))).toBeUndefined();
    expect(() => readArchive(new TextEncoder().encode("name ="))).toThrow("not a .tar.gz or .zip archive");
  });

  test("reads the regular files of a .tar.gz, skipping directories, with pax long names", () => {
    const long = `${"d".repeat(120)}/plugin.toml`;
    const entries = readArchive(
      tarGz([
        { path: "p/", type: "5" },
        { path: "p/plugin.toml", data: "name" },
        paxPath(long),
        { path: "short", data: "L" },
      ]),
    );
    expect(entries.map((entry) => [entry.path, text(entry.data)])).toEqual([
      ["p/plugin.toml", "name"],
      [long, "L"],
    ]);
  });

  test("reads stored and deflated zip entries and checks their CRC", () => {
    const entries = readArchive(
      zip([
        { path: "d/", data: "" },
        { path: "d/a.txt", data: "stored" },
        { path: "d/b.txt", data: "x".repeat(500), deflate: true },
      ]),
    );
    expect(entries.map((entry) => [entry.path, text(entry.data).length])).toEqual([
      ["d/a.txt", 6],
      ["d/b.txt", 500],
    ]);
  });

  test.each<[string, TarEntry[], string | RegExp]>([
    [
      "a symlink",
      [{ path: "plugin.wasm", type: "2", linkname: "/etc/shadow" }],
      'entry "plugin.wasm" is a symbolic link, not a regular file',
    ],
    [
      "a hard link",
      [{ path: "plugin.wasm", type: "1", linkname: "x" }],
      'entry "plugin.wasm" is a hard link, not a regular file',
    ],
    ["a device", [{ path: "dev", type: "3" }], 'entry "dev" is a character device, not a regular file'],
    ["an absolute path", [{ path: "/tmp/evil", data: "x" }], 'entry "/tmp/evil" has an absolute or non-POSIX path'],
    ["a .. path", [{ path: "../evil", data: "x" }], 'entry "../evil" reaches outside the archive (..)'],
    [
      "a pax path with ..",
      [paxPath("a/../../evil"), { path: "ok", data: "x" }],
      'entry "a/../../evil" reaches outside the archive (..)',
    ],
    ["too many bytes", [{ path: "big", data: "x".repeat(2048) }], /expands past|total more than 1024 bytes/],
    ["too many entries", ["a", "b", "c", "d", "e"].map((path) => ({ path, data: "x" })), "more than 4 entries"],
  ])("refuses a .tar.gz with %s", (_what, entries, message) => {
    expect(() => readArchive(tarGz(entries), SMALL)).toThrow(
      message instanceof RegExp ? message : new ArchiveError(message),
    );
  });

  test("refuses a gzip bomb before inflating it all", () => {
    const bomb = tarGz([{ path: "zeros", data: new Uint8Array(50 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(200_000);
    expect(() => readArchive(bomb, SMALL)).toThrow(/expands past \d+ bytes/);
  });

  test("refuses a tar header whose checksum is wrong", () => {
    const raw = Bun.gunzipSync(tarGz([{ path: "a", data: "x" }]) as Uint8Array<ArrayBuffer>);
    raw[0] = "b".charCodeAt(0);
    expect(() => readArchive(Bun.gzipSync(raw as Uint8Array<ArrayBuffer>))).toThrow(
      "tar header checksum mismatch at byte 0",
    );
  });

  test.each<[string, ZipEntry[], string | RegExp]>([
    [
      "a symlink",
      [{ path: "plugin.wasm", data: "/etc/shadow", mode: 0o120777 }],
      'entry "plugin.wasm" is a link or device, not a regular file',
    ],
    ["a .. path", [{ path: "../evil", data: "x" }], 'entry "../evil" reaches outside the archive (..)'],
    ["an absolute path", [{ path: "/evil", data: "x" }], 'entry "/evil" has an absolute or non-POSIX path'],
    [
      "a size that lies",
      [{ path: "a", data: "x".repeat(100), deflate: true, declaredSize: 10 }],
      /expands past 10 bytes|not the size its header says/,
    ],
    ["too many bytes", [{ path: "a", data: "x".repeat(2000), deflate: true }], "files total more than 1024 bytes"],
  ])("refuses a .zip with %s", (_what, entries, message) => {
    expect(() => readArchive(zip(entries), SMALL)).toThrow(
      message instanceof RegExp ? message : new ArchiveError(message),
    );
  });

  test("refuses a zip whose CRC does not match", () => {
    const bytes = zip([{ path: "a", data: "hello" }]);
    bytes[30 + 1] = "j".charCodeAt(0); // the stored data right after the local header and its one-byte name
    expect(() => readArchive(bytes)).toThrow('entry "a" fails its CRC check');
  });

  test("pluginRoot finds plugin.toml at the top or in the single top directory", () => {
    const at = (paths: string[]) => [...pluginRoot(paths.map((path) => ({ path, data: new Uint8Array() }))).keys()];
    expect(at(["plugin.toml", "plugin.wasm"])).toEqual(["plugin.toml", "plugin.wasm"]);
    expect(at(["m-1.0.0/plugin.toml", "m-1.0.0/plugin.wasm"])).toEqual(["plugin.toml", "plugin.wasm"]);
    expect(() => at(["a/plugin.toml", "b/plugin.wasm"])).toThrow("no plugin.toml at the top of the archive");
    expect(() => at(["a/b/plugin.toml"])).toThrow("no plugin.toml at the top of the archive");
  });
});
