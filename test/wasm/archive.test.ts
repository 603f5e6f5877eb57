import { describe, expect, test } from "bun:test";
import { PLUGIN_ARCHIVE_LIMITS, readPluginArchive } from "../../src/wasm/archive";
import { archiveProblemOf } from "../archive-fixtures";
import { paxPath, tarGz, zip, type TarEntry, type ZipEntry } from "./archive-writer";

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const SMALL = { maxBytes: 1024, maxFiles: 4, noLinks: true };
const MANIFEST = { path: "plugin.toml", data: "name" };

describe("readPluginArchive", () => {
  test("bounds an archive at 64 MiB in 1,000 entries, files and directories only", () => {
    expect(PLUGIN_ARCHIVE_LIMITS).toEqual({ maxBytes: 64 * 1024 * 1024, maxFiles: 1000, noLinks: true });
  });

  test("reads .tar.gz and .zip by their magic, and refuses anything else", () => {
    const files = (bytes: Uint8Array) => [...readPluginArchive(bytes)].map(([path, data]) => [path, text(data)]);
    expect(files(tarGz([MANIFEST]))).toEqual([["plugin.toml", "name"]]);
    expect(files(zip([MANIFEST]))).toEqual([["plugin.toml", "name"]]);
    expect(archiveProblemOf(() => readPluginArchive(new TextEncoder().encode("name =")))).toBe(
      "not a .tar.gz or .zip archive",
    );
  });

  test("reads the regular files of a .tar.gz with normalised paths, skipping directories, with pax long names", () => {
    const long = `${"d".repeat(120)}/plugin.wasm`;
    const files = readPluginArchive(
      tarGz([
        { path: "./plugin.toml", data: "name" },
        { path: "p/", type: "5" },
        { path: "p//./x.txt", data: "x" },
        paxPath(long),
        { path: "short", data: "L" },
      ]),
    );
    expect([...files].map(([path, data]) => [path, text(data)])).toEqual([
      ["plugin.toml", "name"],
      ["p/x.txt", "x"],
      [long, "L"],
    ]);
  });

  test("reads stored and deflated zip entries and checks their CRC", () => {
    const files = readPluginArchive(
      zip([
        { path: "d/", data: "" },
        { path: "d/plugin.toml", data: "stored" },
        { path: "d/b.txt", data: "x".repeat(500), deflate: true },
      ]),
    );
    expect([...files].map(([path, data]) => [path, text(data).length])).toEqual([
      ["plugin.toml", 6],
      ["b.txt", 500],
    ]);
  });

  test.each<[string, TarEntry[], string]>([
    [
      "a symlink",
      [{ path: "plugin.wasm", type: "2", linkname: "/etc/shadow" }],
      "Archive contains a symlink, not a regular file: plugin.wasm",
    ],
    [
      "a symlink that stays inside",
      [MANIFEST, { path: "plugin.wasm", type: "2", linkname: "plugin.toml" }],
      "Archive contains a symlink, not a regular file: plugin.wasm",
    ],
    [
      "a hard link",
      [MANIFEST, { path: "plugin.wasm", type: "1", linkname: "plugin.toml" }],
      "Archive contains a hardlink, not a regular file: plugin.wasm",
    ],
    ["a device", [{ path: "dev", type: "3" }], "Archive contains device files or other special entries: dev"],
    ["an absolute path", [{ path: "/tmp/evil", data: "x" }], "Archive contains entries with absolute paths: /tmp/evil"],
    [
      "a non-POSIX path",
      [MANIFEST, { path: "a\\..\\x", data: "x" }],
      "Archive contains entries with non-POSIX paths: a\\..\\x",
    ],
    ["a drive letter", [MANIFEST, { path: "C:x", data: "x" }], "Archive contains entries with non-POSIX paths: C:x"],
    [
      "a .. path",
      [{ path: "../evil", data: "x" }],
      "Archive contains entries with parent directory traversal: ../evil",
    ],
    [
      "a pax path with ..",
      [paxPath("a/../../evil"), { path: "ok", data: "x" }],
      "Archive contains entries with parent directory traversal: a/../../evil",
    ],
    ["too many bytes", [{ path: "big", data: "x".repeat(2048) }], "Archive exceeds maximum allowed size of 1024 bytes"],
    [
      "too many entries",
      ["a", "b", "c", "d", "e"].map((path) => ({ path, data: "x" })),
      "Archive contains 5 entries which exceeds the maximum of 4",
    ],
    [
      "no plugin.toml",
      [{ path: "plugin.wasm", data: "x" }],
      "no plugin.toml at the top of the archive (or in its single top directory)",
    ],
  ])("refuses a .tar.gz with %s", (_what, entries, message) => {
    expect(archiveProblemOf(() => readPluginArchive(tarGz(entries), SMALL))).toBe(message);
  });

  test("refuses a gzip bomb before inflating it all", () => {
    const bomb = tarGz([{ path: "zeros", data: new Uint8Array(50 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(200_000);
    expect(archiveProblemOf(() => readPluginArchive(bomb, SMALL))).toBe(
      "Archive exceeds maximum allowed size of 1024 bytes",
    );
  });

  test("refuses a tar header whose checksum is wrong", () => {
    const raw = Bun.gunzipSync(tarGz([{ path: "a", data: "x" }]) as Uint8Array<ArrayBuffer>);
    raw[0] = "b".charCodeAt(0);
    expect(archiveProblemOf(() => readPluginArchive(Bun.gzipSync(raw as Uint8Array<ArrayBuffer>)))).toBe(
      "Archive is not a valid tar file (bad header checksum)",
    );
  });

  test.each<[string, ZipEntry[], string]>([
    [
      "a symlink",
      [{ path: "plugin.wasm", data: "/etc/shadow", mode: 0o120777 }],
      "Archive contains a symlink, not a regular file: plugin.wasm",
    ],
    [
      "a device",
      [{ path: "dev", data: "", mode: 0o020644 }],
      "Archive contains device files or other special entries: dev",
    ],
    [
      "a .. path",
      [{ path: "../evil", data: "x" }],
      "Archive contains entries with parent directory traversal: ../evil",
    ],
    ["an absolute path", [{ path: "/evil", data: "x" }], "Archive contains entries with absolute paths: /evil"],
    [
      "a size that lies",
      [MANIFEST, { path: "a", data: "x".repeat(100), deflate: true, declaredSize: 10 }],
      "Archive entry a does not inflate to its declared size",
    ],
    [
      "too many bytes",
      [{ path: "a", data: "x".repeat(2000), deflate: true }],
      "Archive exceeds maximum allowed size of 1024 bytes",
    ],
    [
      "too many entries",
      ["a", "b", "c", "d", "e"].map((path) => ({ path, data: "x" })),
      "Archive contains 5 entries which exceeds the maximum of 4",
    ],
  ])("refuses a .zip with %s", (_what, entries, message) => {
    expect(archiveProblemOf(() => readPluginArchive(zip(entries), SMALL))).toBe(message);
  });

  test("refuses a zip whose CRC does not match", () => {
    const bytes = zip([{ path: "plugin.toml", data: "hello" }]);
    bytes[30 + "plugin.toml".length] = "j".charCodeAt(0); // the stored data right after the local header and its name
    expect(archiveProblemOf(() => readPluginArchive(bytes))).toBe("Archive entry plugin.toml fails its CRC check");
  });

  test("finds plugin.toml at the top or in the single top directory", () => {
    const at = (paths: string[]) => [...readPluginArchive(zip(paths.map((path) => ({ path, data: "x" })))).keys()];
    expect(at(["plugin.toml", "plugin.wasm"])).toEqual(["plugin.toml", "plugin.wasm"]);
    expect(at(["m-1.0.0/", "m-1.0.0/plugin.toml", "m-1.0.0/plugin.wasm"])).toEqual(["plugin.toml", "plugin.wasm"]);
    expect(at(["m-1.0.0/plugin.toml", "m-1.0.0/plugin.wasm"])).toEqual(["plugin.toml", "plugin.wasm"]);
    const missing = "no plugin.toml at the top of the archive (or in its single top directory)";
    expect(archiveProblemOf(() => at(["a/plugin.toml", "b/plugin.wasm"]))).toBe(missing);
    expect(archiveProblemOf(() => at(["a/b/plugin.toml"]))).toBe(missing);
  });
});
