import { describe, expect, test } from "bun:test";
import { PLUGIN_ARCHIVE_LIMITS, readPluginArchive } from "../../src/wasm/archive";
import { archiveProblemOf, type FixtureEntry, paxPath, tarGz, zipOf } from "../archive-fixtures";

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const SMALL = { maxBytes: 1024, maxFiles: 4, noLinks: true };
const MANIFEST = { name: "plugin.toml", body: "name" };

describe("readPluginArchive", () => {
  test("bounds an archive at 64 MiB in 1,000 entries, files and directories only", () => {
    expect(PLUGIN_ARCHIVE_LIMITS).toEqual({ maxBytes: 64 * 1024 * 1024, maxFiles: 1000, noLinks: true });
  });

  test("reads .tar.gz and .zip by their magic, and refuses anything else", () => {
    const files = (bytes: Uint8Array) => [...readPluginArchive(bytes)].map(([path, data]) => [path, text(data)]);
    expect(files(tarGz([MANIFEST]))).toEqual([["plugin.toml", "name"]]);
    expect(files(zipOf([MANIFEST]))).toEqual([["plugin.toml", "name"]]);
    expect(archiveProblemOf(() => readPluginArchive(new TextEncoder().encode("name =")))).toBe(
      "not a .tar.gz or .zip archive",
    );
  });

  test("reads the regular files of a .tar.gz with normalised paths, skipping directories, with pax long names", () => {
    const long = `${"d".repeat(120)}/plugin.wasm`;
    const files = readPluginArchive(
      tarGz([
        { name: "./plugin.toml", body: "name" },
        { name: "p/", type: "5" },
        { name: "p//./x.txt", body: "x" },
        paxPath(long),
        { name: "short", body: "L" },
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
      zipOf([
        { name: "d/", type: "5" },
        { name: "d/plugin.toml", body: "stored", deflate: false },
        { name: "d/b.txt", body: "x".repeat(500), deflate: true },
      ]),
    );
    expect([...files].map(([path, data]) => [path, text(data).length])).toEqual([
      ["plugin.toml", 6],
      ["b.txt", 500],
    ]);
  });

  test.each<[string, FixtureEntry[], string]>([
    [
      "a symlink",
      [{ name: "plugin.wasm", type: "2", linkName: "/etc/shadow" }],
      "Archive contains a symlink, not a regular file: plugin.wasm",
    ],
    [
      "a symlink that stays inside",
      [MANIFEST, { name: "plugin.wasm", type: "2", linkName: "plugin.toml" }],
      "Archive contains a symlink, not a regular file: plugin.wasm",
    ],
    [
      "a hard link",
      [MANIFEST, { name: "plugin.wasm", type: "1", linkName: "plugin.toml" }],
      "Archive contains a hardlink, not a regular file: plugin.wasm",
    ],
    ["a device", [{ name: "dev", type: "3" }], "Archive contains device files or other special entries: dev"],
    ["an absolute path", [{ name: "/tmp/evil", body: "x" }], "Archive contains entries with absolute paths: /tmp/evil"],
    [
      "a non-POSIX path",
      [MANIFEST, { name: "a\\..\\x", body: "x" }],
      "Archive contains entries with non-POSIX paths: a\\..\\x",
    ],
    ["a drive letter", [MANIFEST, { name: "C:x", body: "x" }], "Archive contains entries with non-POSIX paths: C:x"],
    [
      "a .. path",
      [{ name: "../evil", body: "x" }],
      "Archive contains entries with parent directory traversal: ../evil",
    ],
    [
      "a pax path with ..",
      [paxPath("a/../../evil"), { name: "ok", body: "x" }],
      "Archive contains entries with parent directory traversal: a/../../evil",
    ],
    ["too many bytes", [{ name: "big", body: "x".repeat(2048) }], "Archive exceeds maximum allowed size of 1024 bytes"],
    [
      "too many entries",
      ["a", "b", "c", "d", "e"].map((name) => ({ name, body: "x" })),
      "Archive contains 5 entries which exceeds the maximum of 4",
    ],
    [
      "no plugin.toml",
      [{ name: "plugin.wasm", body: "x" }],
      "no plugin.toml at the top of the archive (or in its single top directory)",
    ],
  ])("refuses a .tar.gz with %s", (_what, entries, message) => {
    expect(archiveProblemOf(() => readPluginArchive(tarGz(entries), SMALL))).toBe(message);
  });

  test("refuses a gzip bomb before inflating it all", () => {
    const bomb = tarGz([{ name: "zeros", body: new Uint8Array(50 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(200_000);
    expect(archiveProblemOf(() => readPluginArchive(bomb, SMALL))).toBe(
      "Archive exceeds maximum allowed size of 1024 bytes",
    );
  });

  test("refuses a tar header whose checksum is wrong", () => {
    const raw = Bun.gunzipSync(tarGz([{ name: "a", body: "x" }]) as Uint8Array<ArrayBuffer>);
    raw[0] = "b".charCodeAt(0);
    expect(archiveProblemOf(() => readPluginArchive(Bun.gzipSync(raw as Uint8Array<ArrayBuffer>)))).toBe(
      "Archive is not a valid tar file (bad header checksum)",
    );
  });

  test.each<[string, FixtureEntry[], string]>([
    [
      "a symlink",
      [{ name: "plugin.wasm", type: "2", linkName: "/etc/shadow", mode: 0o777 }],
      "Archive contains a symlink, not a regular file: plugin.wasm",
    ],
    ["a device", [{ name: "dev", type: "3" }], "Archive contains device files or other special entries: dev"],
    [
      "a .. path",
      [{ name: "../evil", body: "x" }],
      "Archive contains entries with parent directory traversal: ../evil",
    ],
    ["an absolute path", [{ name: "/evil", body: "x" }], "Archive contains entries with absolute paths: /evil"],
    [
      "a size that lies",
      [MANIFEST, { name: "a", body: "x".repeat(100), deflate: true, declaredSize: 10 }],
      "Archive entry a does not inflate to its declared size",
    ],
    [
      "too many bytes",
      [{ name: "a", body: "x".repeat(2000), deflate: true }],
      "Archive exceeds maximum allowed size of 1024 bytes",
    ],
    [
      "too many entries",
      ["a", "b", "c", "d", "e"].map((name) => ({ name, body: "x" })),
      "Archive contains 5 entries which exceeds the maximum of 4",
    ],
  ])("refuses a .zip with %s", (_what, entries, message) => {
    expect(archiveProblemOf(() => readPluginArchive(zipOf(entries), SMALL))).toBe(message);
  });

  test("refuses a zip whose CRC does not match", () => {
    const bytes = zipOf([{ name: "plugin.toml", body: "hello", deflate: false }]);
    bytes[30 + "plugin.toml".length] = "j".charCodeAt(0); // the stored data right after the local header and its name
    expect(archiveProblemOf(() => readPluginArchive(bytes))).toBe("Archive entry plugin.toml fails its CRC check");
  });

  test("finds plugin.toml at the top or in the single top directory", () => {
    const at = (paths: string[]) => [
      ...readPluginArchive(
        zipOf(paths.map((path) => (path.endsWith("/") ? { name: path, type: "5" } : { name: path, body: "x" }))),
      ).keys(),
    ];
    expect(at(["plugin.toml", "plugin.wasm"])).toEqual(["plugin.toml", "plugin.wasm"]);
    expect(at(["m-1.0.0/", "m-1.0.0/plugin.toml", "m-1.0.0/plugin.wasm"])).toEqual(["plugin.toml", "plugin.wasm"]);
    expect(at(["m-1.0.0/plugin.toml", "m-1.0.0/plugin.wasm"])).toEqual(["plugin.toml", "plugin.wasm"]);
    const missing = "no plugin.toml at the top of the archive (or in its single top directory)";
    expect(archiveProblemOf(() => at(["a/plugin.toml", "b/plugin.wasm"]))).toBe(missing);
    expect(archiveProblemOf(() => at(["a/b/plugin.toml"]))).toBe(missing);
  });
});
