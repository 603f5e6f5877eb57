import { describe, expect, test } from "bun:test";
import { parseArchiveArgs } from "../../../src/plugins/git/archive-args";
import { gitPropertyProblem } from "../../../src/plugins/git/properties";
import { dokkuErrorOf } from "../../harness";

describe("gitPropertyProblem", () => {
  test("accepts Dokku's keys and an empty value (unset)", () => {
    expect(
      ["deploy-branch", "keep-git-dir", "rev-env-var", "source-image", "archive-max-size"].map((key) =>
        gitPropertyProblem(key, ""),
      ),
    ).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  test("refuses unknown keys with Dokku's list", () => {
    expect(gitPropertyProblem("bogus", "1")).toBe(
      "Invalid key specified, valid keys include: archive-max-files, archive-max-size, deploy-branch, keep-git-dir, rev-env-var, source-image",
    );
    expect(gitPropertyProblem("", "")).toBe("No key specified");
  });

  test("refuses values that cannot work", () => {
    expect(gitPropertyProblem("archive-max-size", "1GB")).toBe(
      "Invalid archive-max-size value specified, must be a positive integer",
    );
    expect(gitPropertyProblem("keep-git-dir", "yes")).toBe(
      "Invalid keep-git-dir value specified, must be true or false",
    );
    expect(gitPropertyProblem("rev-env-var", "A-B")).toBe("Invalid rev-env-var value specified: A-B");
  });
});

describe("parseArchiveArgs", () => {
  test("reads Dokku's --archive-type form with author", () => {
    expect(parseArchiveArgs(["--archive-type", "zip", "app", "https://x/a.zip", "Me", "me@x"])).toEqual({
      app: "app",
      source: "https://x/a.zip",
      type: "zip",
      author: { name: "Me", email: "me@x" },
    });
  });

  test("takes a third word naming a type, and defaults to tar by Dokku", () => {
    expect(parseArchiveArgs(["app", "-", "tar.gz"])).toMatchObject({
      source: "-",
      type: "tar.gz",
      author: { name: "Dokku", email: "automated@dokku.sh" },
    });
    expect(parseArchiveArgs(["app", "--"])).toMatchObject({ source: "--", type: "tar" });
  });

  test("refuses --archive-type without a value", () => {
    expect(dokkuErrorOf(() => parseArchiveArgs(["app", "-", "--archive-type"]))).toBe(
      "--archive-type requires a value: tar, tar.gz or zip",
    );
  });
});
