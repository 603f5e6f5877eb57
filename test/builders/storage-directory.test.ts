import { describe, expect, test } from "bun:test";
import { assertStorageDirectoryName, chownId } from "../../src/builders/storage-directory";
import { dokkuErrorOf } from "../harness";

describe("chownId", () => {
  test("maps Dokku's presets and numeric ids, false to no chown", () => {
    expect(["herokuish", "heroku", "paketo", "packeto", "root", "false", "0", "1001", "65535"].map(chownId)).toEqual([
      32767,
      1000,
      2000,
      2000,
      0,
      undefined,
      0,
      1001,
      65535,
    ]);
  });

  test("refuses anything else", () => {
    expect(["", "nobody", "-1", "65536", "1.5", "true"].map((value) => dokkuErrorOf(() => chownId(value)))).toEqual(
      Array(6).fill("Unsupported chown permissions"),
    );
  });
});

describe("assertStorageDirectoryName", () => {
  test("accepts letters, digits, _ and -", () => {
    expect(assertStorageDirectoryName("My_app-1")).toBe("My_app-1");
  });

  test("refuses an empty name and anything outside [A-Za-z0-9_-]", () => {
    expect(
      [undefined, "", "@", "app/", "a/b", "..", "a.b", "a b"].map((name) =>
        dokkuErrorOf(() => assertStorageDirectoryName(name)),
      ),
    ).toEqual([
      "Please specify a directory to create",
      "Please specify a directory to create",
      ...Array(6).fill("Directory can only contain the following set of characters: [A-Za-z0-9_-]"),
    ]);
  });
});
