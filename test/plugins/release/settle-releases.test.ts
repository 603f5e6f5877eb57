import { describe, expect, test } from "bun:test";
import { settlePlan, unrecordedTags } from "../../../src/plugins/release/settle-releases";

describe("settlePlan", () => {
  test("a pending record the pointer names succeeded; every other pending one failed; the rest stay", () => {
    const releases = [
      { id: 1, status: "succeeded" as const },
      { id: 2, status: "image-pruned" as const },
      { id: 3, status: "pending" as const },
      { id: 4, status: "pending" as const },
      { id: 5, status: "failed" as const },
      { id: 6, status: "pending" as const },
      { id: 7 },
    ];
    expect(settlePlan(releases, 4)).toEqual({ succeeded: [4], failed: [3, 6] });
    expect(settlePlan(releases, undefined)).toEqual({ succeeded: [], failed: [3, 4, 6] });
  });
});

describe("unrecordedTags", () => {
  test("picks the app's v<N> tags newer than every known release, nothing else", () => {
    const tags = [
      "dokku/shop:v3",
      "dokku/shop:v4",
      "dokku/shop:v12",
      "dokku/shop:latest",
      "dokku/shop:v04",
      "dokku/shopx:v9",
      "other/shop:v9",
      "dokku/shop:v9-rc",
    ];
    expect(unrecordedTags(tags, "dokku/shop", 3)).toEqual(["dokku/shop:v4", "dokku/shop:v12"]);
    expect(unrecordedTags(tags, "dokku/shop", 12)).toEqual([]);
  });
});
