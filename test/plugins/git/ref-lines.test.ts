import { describe, expect, test } from "bun:test";
import {
  decidePush,
  parseRefLines,
  refStillAt,
  shortRefName,
  type RefUpdate,
} from "../../../src/plugins/git/ref-lines";
import { dokkuErrorOf } from "../../harness";

const OLD = "0".repeat(40);
const NEW = "a".repeat(40);
const push = (refname: string, newrev = NEW): RefUpdate => ({ oldrev: OLD, newrev, refname });

describe("parseRefLines", () => {
  test("reads one update per line and skips blank lines", () => {
    expect(parseRefLines(`${OLD} ${NEW} refs/heads/main\n\n${NEW} ${OLD} refs/heads/old\n`)).toEqual([
      { oldrev: OLD, newrev: NEW, refname: "refs/heads/main" },
      { oldrev: NEW, newrev: OLD, refname: "refs/heads/old" },
    ]);
  });

  test("accepts sha256 object ids", () => {
    expect(parseRefLines(`${"0".repeat(64)} ${"b".repeat(64)} refs/heads/main`)).toHaveLength(1);
  });

  test("refuses a line that is not <old> <new> <ref>", () => {
    expect(dokkuErrorOf(() => parseRefLines("garbage"))).toBe("Unexpected ref update line from git: 'garbage'");
    expect(dokkuErrorOf(() => parseRefLines(`${OLD} ${NEW} refs/heads/a extra`))).toBe(
      `Unexpected ref update line from git: '${OLD} ${NEW} refs/heads/a extra'`,
    );
    expect(dokkuErrorOf(() => parseRefLines(`${OLD} $(reboot) refs/heads/a`))).toBe(
      `Unexpected ref update line from git: '${OLD} $(reboot) refs/heads/a'`,
    );
  });
});

describe("shortRefName", () => {
  test("names branches and tags, nothing else", () => {
    expect([
      shortRefName("refs/heads/feature/x"),
      shortRefName("refs/tags/v1"),
      shortRefName("refs/notes/commits"),
      shortRefName("refs/heads/"),
    ]).toEqual(["feature/x", "v1", undefined, undefined]);
  });
});

describe("decidePush", () => {
  test("deploys a push to the deploy branch, or to a tag of that name", () => {
    expect(decidePush(push("refs/heads/main"), "main")).toEqual({ action: "deploy", rev: NEW });
    expect(decidePush(push("refs/tags/main"), "main")).toEqual({ action: "deploy", rev: NEW });
  });

  test("makes the first pushed branch the deploy branch when none is set, main and master alike", () => {
    expect(decidePush(push("refs/heads/main"), undefined)).toEqual({
      action: "set-branch-and-deploy",
      branch: "main",
      rev: NEW,
    });
    expect(decidePush(push("refs/heads/master"), undefined)).toEqual({
      action: "set-branch-and-deploy",
      branch: "master",
      rev: NEW,
    });
  });

  test("warns about another branch and does not deploy it", () => {
    expect(decidePush(push("refs/heads/feature"), "main")).toEqual({
      action: "warn-other-branch",
      pushed: "feature",
      deployBranch: "main",
    });
  });

  test("ignores a deleted branch and refs outside heads and tags", () => {
    expect(decidePush(push("refs/heads/main", OLD), "main")).toEqual({ action: "ignore" });
    expect(decidePush(push("refs/notes/commits"), undefined)).toEqual({ action: "ignore" });
  });
});

describe("refStillAt", () => {
  const old = "a".repeat(40);
  test("holds when the ref is where the push began, or still absent for a new ref", () => {
    expect([
      refStillAt(old, old),
      refStillAt(undefined, "0".repeat(40)),
      refStillAt("b".repeat(40), old),
      refStillAt(undefined, old),
      refStillAt(old, "0".repeat(40)),
    ]).toEqual([true, true, false, false, false]);
  });
});
