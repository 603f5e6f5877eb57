import { describe, expect, test } from "bun:test";
import { gzipSync } from "node:zlib";
import type { ArchiveEntry } from "../../../src/executors/archive/entries";
import { readArchive, sniffArchiveType } from "../../../src/executors/archive/read-archive";
import { readTar } from "../../../src/executors/archive/tar";
import { commonTopDir, safePath, validateEntries } from "../../../src/executors/archive/validate";
import { readZip } from "../../../src/executors/archive/zip";
import { archiveProblemOf, tarOf, zipOf, type FixtureEntry } from "../../archive-fixtures";

const LIMITS = { maxBytes: 1024 * 1024, maxFiles: 100 };

const file = (name: string, body = "x"): ArchiveEntry => ({
  name,
  type: "file",
  mode: 0o644,
  size: body.length,
  data: () => new TextEncoder().encode(body),
});
const link = (name: string, linkName: string, type: "symlink" | "hardlink" = "symlink"): ArchiveEntry => ({
  name,
  type,
  mode: 0o777,
  size: 0,
  linkName,
});

describe("safePath", () => {
  test("normalises ./ and trailing slashes", () => {
    expect([safePath("./app/"), safePath("a//b/./c"), safePath(".")]).toEqual(["app", "a/b/c", ""]);
  });

  test("refuses absolute names and parent traversal (zip slip)", () => {
    expect(archiveProblemOf(() => safePath("/etc/passwd"))).toBe(
      "Archive contains entries with absolute paths: /etc/passwd",
    );
    expect(archiveProblemOf(() => safePath("a/../../evil"))).toBe(
      "Archive contains entries with parent directory traversal: a/../../evil",
    );
    expect(archiveProblemOf(() => safePath(".."))).toBe("Archive contains entries with parent directory traversal: ..");
  });
});

describe("validateEntries", () => {
  test("keeps a plain tree with normalised paths", () => {
    const safe = validateEntries(
      [{ name: "./src/", type: "dir", mode: 0o755, size: 0 }, file("./src/app.sh"), link("src/current", "app.sh")],
      LIMITS,
    );
    expect(safe.map((entry) => [entry.path, entry.type])).toEqual([
      ["src", "dir"],
      ["src/app.sh", "file"],
      ["src/current", "symlink"],
    ]);
  });

  test("refuses a symlink with an absolute target", () => {
    expect(archiveProblemOf(() => validateEntries([link("passwd", "/etc/passwd")], LIMITS))).toBe(
      "Archive contains symlinks with absolute targets: passwd -> /etc/passwd",
    );
  });

  test("refuses a symlink that climbs out of the tree", () => {
    expect(archiveProblemOf(() => validateEntries([link("a/b/up", "../../../x")], LIMITS))).toBe(
      "Archive contains symlinks pointing outside extraction directory: a/b/up -> ../../../x",
    );
  });

  test("accepts a symlink that climbs but stays inside", () => {
    expect(validateEntries([link("a/b/up", "../../x")], LIMITS)).toHaveLength(1);
  });

  test("refuses entries written through a symlink, in either order", () => {
    expect(archiveProblemOf(() => validateEntries([link("d", "."), file("d/e/file")], LIMITS))).toBe(
      "Archive contains entries beneath a symlink: d/e/file",
    );
    expect(archiveProblemOf(() => validateEntries([file("d/e/file"), link("d", ".")], LIMITS))).toBe(
      "Archive contains entries beneath a symlink: d",
    );
  });

  test("refuses a hardlink pointing outside or at nothing earlier in the archive", () => {
    expect(archiveProblemOf(() => validateEntries([link("h", "/etc/shadow", "hardlink")], LIMITS))).toBe(
      "Archive contains hardlinks pointing outside extraction directory: h -> /etc/shadow",
    );
    expect(archiveProblemOf(() => validateEntries([link("h", "../x", "hardlink")], LIMITS))).toBe(
      "Archive contains hardlinks pointing outside extraction directory: h -> ../x",
    );
    expect(archiveProblemOf(() => validateEntries([link("h", "later", "hardlink"), file("later")], LIMITS))).toBe(
      "Archive contains a hardlink to a member that is not a file before it: h",
    );
  });

  test("counts a hardlink to an earlier file at that file's size", () => {
    const safe = validateEntries([file("a", "hello"), link("b", "./a", "hardlink")], LIMITS);
    expect(safe[1]).toMatchObject({ path: "b", linkPath: "a", size: 5 });
  });

  test("refuses device files and fifos", () => {
    expect(
      archiveProblemOf(() => validateEntries([{ name: "dev/sda", type: "special", mode: 0o600, size: 0 }], LIMITS)),
    ).toBe("Archive contains device files or other special entries: dev/sda");
  });

  test("refuses more unpacked bytes than the limit", () => {
    expect(
      archiveProblemOf(() => validateEntries([file("a", "12345"), file("b", "67890")], { maxBytes: 9, maxFiles: 10 })),
    ).toBe("Archive exceeds maximum allowed size of 9 bytes");
  });

  test("refuses more entries than the limit", () => {
    expect(
      archiveProblemOf(() => validateEntries([file("a"), file("b"), file("c")], { maxBytes: 100, maxFiles: 2 })),
    ).toBe("Archive contains 3 entries which exceeds the maximum of 2");
  });

  test("refuses a file where a directory is, and a symlink replacing a file", () => {
    expect(archiveProblemOf(() => validateEntries([file("a/b"), file("a")], LIMITS))).toBe(
      "Archive contains a file and a directory at the same path: a",
    );
    expect(archiveProblemOf(() => validateEntries([file("a"), link("a", "b")], LIMITS))).toBe(
      "Archive contains a symlink and another entry at the same path: a",
    );
  });
});

describe("commonTopDir", () => {
  test("drops the one folder that holds everything", () => {
    expect(
      commonTopDir(
        validateEntries(
          [{ name: "repo-abc/", type: "dir", mode: 0o755, size: 0 }, file("repo-abc/Dockerfile")],
          LIMITS,
        ),
      ),
    ).toBe("repo-abc");
  });

  test("keeps a tree with files at its root or several folders", () => {
    expect(commonTopDir(validateEntries([file("Dockerfile"), file("src/a")], LIMITS))).toBe("");
    expect(commonTopDir(validateEntries([file("a/x"), file("b/y")], LIMITS))).toBe("");
  });

  test("keeps the folder when a symlink inside points beside it", () => {
    expect(commonTopDir(validateEntries([file("top/a"), link("top/sib", "../other")], LIMITS))).toBe("");
  });
});

describe("readTar", () => {
  test("reads files, dirs, symlinks and hardlinks with their contents", () => {
    const entries: FixtureEntry[] = [
      { name: "app/", type: "5", mode: 0o755 },
      { name: "app/run.sh", body: "#!/bin/sh\n", mode: 0o755 },
      { name: "app/link", type: "2", linkName: "run.sh" },
      { name: "app/copy", type: "1", linkName: "app/run.sh" },
      { name: "dev/null", type: "3" },
    ];
    const read = readTar(tarOf(entries));
    expect(read.map(({ name, type, mode, size, linkName }) => ({ name, type, mode, size, linkName }))).toEqual([
      { name: "app/", type: "dir", mode: 0o755, size: 0, linkName: undefined },
      { name: "app/run.sh", type: "file", mode: 0o755, size: 10, linkName: undefined },
      { name: "app/link", type: "symlink", mode: 0o644, size: 0, linkName: "run.sh" },
      { name: "app/copy", type: "hardlink", mode: 0o644, size: 0, linkName: "app/run.sh" },
      { name: "dev/null", type: "special", mode: 0o644, size: 0, linkName: undefined },
    ]);
    expect(new TextDecoder().decode(read[1]?.data?.())).toBe("#!/bin/sh\n");
  });

  test("refuses bytes that are not a tar", () => {
    expect(archiveProblemOf(() => readTar(new TextEncoder().encode("x".repeat(600))))).toBe(
      "Archive is not a valid tar file (bad header checksum)",
    );
  });
});

describe("readZip", () => {
  test("reads files, dirs and symlinks with unix modes", () => {
    const read = readZip(
      zipOf([
        { name: "app/", type: "5" },
        { name: "app/a.txt", body: "hello" },
        { name: "app/l", type: "2", linkName: "a.txt" },
      ]),
    );
    expect(read.map(({ name, type, size, linkName }) => ({ name, type, size, linkName }))).toEqual([
      { name: "app/", type: "dir", size: 0, linkName: undefined },
      { name: "app/a.txt", type: "file", size: 5, linkName: undefined },
      { name: "app/l", type: "symlink", size: 0, linkName: "a.txt" },
    ]);
    expect(new TextDecoder().decode(read[1]?.data?.())).toBe("hello");
  });

  test("refuses contents that do not match their CRC (a symlink target is read, so checked, at once)", () => {
    const bytes = zipOf([{ name: "l", type: "2", linkName: "target" }]);
    bytes.set(new TextEncoder().encode("tarjet"), Buffer.from(bytes).indexOf("target"));
    expect(archiveProblemOf(() => readZip(bytes))).toBe("Archive entry l fails its CRC check");
  });

  test("counts the entries before reading any, so a symlink's target is never inflated past the limit", () => {
    const links = ["a", "b", "c"].map((name): FixtureEntry => ({ name, type: "2", linkName: "x" }));
    const bytes = zipOf(links);
    // every local header broken: reading any symlink target would refuse it for that instead
    for (
      let at = Buffer.from(bytes).indexOf("PK\x03\x04");
      at !== -1;
      at = Buffer.from(bytes).indexOf("PK\x03\x04", at + 1)
    )
      bytes[at + 2] = 0;
    expect(archiveProblemOf(() => readZip(bytes, 2))).toBe("Archive contains 3 entries which exceeds the maximum of 2");
    expect(archiveProblemOf(() => readArchive(bytes, "zip", { maxBytes: 1024, maxFiles: 2 }))).toBe(
      "Archive contains 3 entries which exceeds the maximum of 2",
    );
  });
});

describe("readArchive", () => {
  test("with noLinks, refuses any symlink or hardlink, even one that stays inside", () => {
    const limits = { ...LIMITS, noLinks: true };
    const inside: FixtureEntry[] = [
      { name: "a", body: "x" },
      { name: "b", type: "2", linkName: "a" },
    ];
    const hard: FixtureEntry[] = [
      { name: "a", body: "x" },
      { name: "b", type: "1", linkName: "a" },
    ];
    expect(readArchive(tarOf(inside), "tar", LIMITS).map((entry) => entry.type)).toEqual(["file", "symlink"]);
    expect(archiveProblemOf(() => readArchive(tarOf(inside), "tar", limits))).toBe(
      "Archive contains a symlink, not a regular file: b",
    );
    expect(archiveProblemOf(() => readArchive(zipOf(inside), "zip", limits))).toBe(
      "Archive contains a symlink, not a regular file: b",
    );
    expect(archiveProblemOf(() => readArchive(tarOf(hard), "tar", limits))).toBe(
      "Archive contains a hardlink, not a regular file: b",
    );
  });

  test("sniffArchiveType knows gzip and zip by their magic, never a plain tar", () => {
    const tar = tarOf([{ name: "a", body: "x" }]);
    expect([gzipSync(tar), zipOf([{ name: "a" }]), tar, new Uint8Array()].map(sniffArchiveType)).toEqual([
      "tar.gz",
      "zip",
      undefined,
      undefined,
    ]);
  });

  test("refuses a zip slip entry in tar, tar.gz and zip alike", () => {
    const evil: FixtureEntry[] = [{ name: "../../etc/cron.d/evil", body: "* * * * * root sh\n" }];
    const message = "Archive contains entries with parent directory traversal: ../../etc/cron.d/evil";
    expect(archiveProblemOf(() => readArchive(tarOf(evil), "tar", LIMITS))).toBe(message);
    expect(archiveProblemOf(() => readArchive(gzipSync(tarOf(evil)), "tar.gz", LIMITS))).toBe(message);
    expect(archiveProblemOf(() => readArchive(zipOf(evil), "zip", LIMITS))).toBe(message);
  });

  test("refuses a gzip bomb without unpacking past the limit", () => {
    const bomb = gzipSync(tarOf([{ name: "zeros", body: "\0".repeat(4 * 1024 * 1024) }]));
    expect(bomb.length).toBeLessThan(LIMITS.maxBytes);
    expect(archiveProblemOf(() => readArchive(bomb, "tar.gz", LIMITS))).toBe(
      `Archive exceeds maximum allowed size of ${LIMITS.maxBytes} bytes`,
    );
  });

  test("refuses an archive file larger than the limit", () => {
    expect(archiveProblemOf(() => readArchive(new Uint8Array(2048), "tar", { maxBytes: 1024, maxFiles: 10 }))).toBe(
      "Archive exceeds maximum allowed size of 1024 bytes",
    );
  });

  test("refuses a zip symlink pointing outside", () => {
    expect(
      archiveProblemOf(() => readArchive(zipOf([{ name: "l", type: "2", linkName: "../../root" }]), "zip", LIMITS)),
    ).toBe("Archive contains symlinks pointing outside extraction directory: l -> ../../root");
  });
});
