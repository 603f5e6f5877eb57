import { describe, expect, test } from "bun:test";
import type { Release } from "../../../src/plugins/deploy/contracts";
import { selectPrunable } from "../../../src/plugins/release/prune";

type Row = Pick<Release, "id" | "image" | "imageId" | "status">;

/** Releases 1..n, each with its own image unless `images` says otherwise. */
function releases(
  n: number,
  images: Record<number, string> = {},
  statuses: Record<number, Release["status"]> = {},
): Row[] {
  return Array.from({ length: n }, (_, at) => {
    const id = at + 1;
    return {
      id,
      image: `dokku/app:v${id}`,
      imageId: images[id] ?? `sha256:${id}`,
      ...(statuses[id] ? { status: statuses[id] } : {}),
    };
  });
}

describe("selectPrunable", () => {
  test("keeps the newest N and prunes the rest", () => {
    expect(selectPrunable({ releases: releases(7), currentId: 7, keep: 5, inUse: new Set() })).toEqual([1, 2]);
  });

  test("never prunes the current release, even past the newest N", () => {
    expect(selectPrunable({ releases: releases(4), currentId: 1, keep: 1, inUse: new Set() })).toEqual([2, 3]);
  });

  test("keeps an image a container still uses", () => {
    expect(selectPrunable({ releases: releases(4), currentId: 4, keep: 1, inUse: new Set(["sha256:2"]) })).toEqual([
      1, 3,
    ]);
  });

  test("keeps an image a kept release shares (a config change or rollback of it)", () => {
    const rows = releases(4, { 3: "sha256:1", 4: "sha256:1" });
    expect(selectPrunable({ releases: rows, currentId: 4, keep: 1, inUse: new Set() })).toEqual([2]);
  });

  test("skips releases already pruned and pending ones, which do not count toward N", () => {
    const rows = releases(5, {}, { 1: "image-pruned", 5: "pending" });
    expect(selectPrunable({ releases: rows, currentId: 4, keep: 2, inUse: new Set() })).toEqual([2]);
  });

  test("compares older records without an image id by image name", () => {
    const rows: Row[] = [
      { id: 1, image: "dokku/app:v1" },
      { id: 2, image: "dokku/app:v2" },
    ];
    expect(selectPrunable({ releases: rows, currentId: 2, keep: 1, inUse: new Set() })).toEqual([1]);
  });

  test("prunes nothing when there are no more than N", () => {
    expect(selectPrunable({ releases: releases(3), currentId: 3, keep: 5, inUse: new Set() })).toEqual([]);
  });
});
