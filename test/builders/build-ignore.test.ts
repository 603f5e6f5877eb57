import { describe, expect, test } from "bun:test";
import { isIgnored, parseDockerignore } from "../../src/builders/build-ignore";

describe("dockerignore", () => {
  const paths = [
    "node_modules",
    "node_modules/x/index.js",
    "src/a.log",
    "a.log",
    "keep.log",
    "docs/readme.md",
    "docs/deep/x.md",
    "tmp",
    "tmp/a",
  ];
  const ignored = (text: string) => paths.filter((path) => isIgnored(parseDockerignore(text), path));

  test("ignores a directory and everything in it", () => {
    expect(ignored("# deps\nnode_modules\n")).toEqual(["node_modules", "node_modules/x/index.js"]);
  });

  test("keeps * inside one segment and lets ** cross segments", () => {
    expect([ignored("*.log"), ignored("**/*.log")]).toEqual([
      ["a.log", "keep.log"],
      ["src/a.log", "a.log", "keep.log"],
    ]);
  });

  test("re-includes with ! exceptions, the last match winning", () => {
    expect(ignored("*.log\n!keep.log\n")).toEqual(["a.log"]);
  });

  test("drops leading slashes and matches ? and character classes", () => {
    expect([ignored("/tmp"), ignored("docs/*/?.md"), ignored("[ak]*.log")]).toEqual([
      ["tmp", "tmp/a"],
      ["docs/deep/x.md"],
      ["a.log", "keep.log"],
    ]);
  });
});
