import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { atomicWriteFileSync, ensureDir } from "../../src/store/atomic-write";
import { tempDir } from "../harness";

describe("atomicWriteFileSync", () => {
  test("writes the content with the given mode and leaves no temp file", () => {
    using dir = tempDir();
    const path = join(dir.path, "secret");
    atomicWriteFileSync(path, "s3cret", { mode: 0o600 });
    expect(readFileSync(path, "utf8")).toBe("s3cret");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir.path)).toEqual(["secret"]);
  });

  test("replaces an existing file whole and takes the new mode", () => {
    using dir = tempDir();
    const path = join(dir.path, "value");
    writeFileSync(path, "old content that is longer", { mode: 0o644 });
    atomicWriteFileSync(path, new TextEncoder().encode("new"), { mode: 0o600 });
    expect(readFileSync(path, "utf8")).toBe("new");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir.path)).toEqual(["value"]);
  });

  test("writes an empty value as an empty file", () => {
    using dir = tempDir();
    const path = join(dir.path, "empty");
    atomicWriteFileSync(path, "");
    expect(readFileSync(path, "utf8")).toBe("");
  });

  test("creates missing parent directories", () => {
    using dir = tempDir();
    const path = join(dir.path, "a", "b", "c", "value");
    atomicWriteFileSync(path, "x");
    expect(readFileSync(path, "utf8")).toBe("x");
    expect(statSync(join(dir.path, "a", "b")).isDirectory()).toBe(true);
  });

  test("fails and leaves no temp file when the target is a directory", () => {
    using dir = tempDir();
    const path = join(dir.path, "target");
    ensureDir(path);
    expect(() => atomicWriteFileSync(path, "x")).toThrow();
    expect(readdirSync(dir.path)).toEqual(["target"]);
    expect(readdirSync(path)).toEqual([]);
  });
});
