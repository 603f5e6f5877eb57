import { describe, expect, test } from "bun:test";
import type { Release } from "../../../src/plugins/deploy/contracts";
import { renamedRelease } from "../../../src/plugins/release/rename-images";

const RELEASE: Release = {
  id: 3,
  app: "old",
  image: "dokku/old:v3",
  builder: "dockerfile",
  source: "git",
  createdAt: "2026-11-28T00:00:00.000Z",
  processes: { web: "httpd" },
  appJson: {},
};

describe("renamedRelease", () => {
  test("moves the app's own image to the new name, keeping its tag", () => {
    expect(renamedRelease(RELEASE, "old", "new")).toEqual({ ...RELEASE, app: "new", image: "dokku/new:v3" });
  });

  test("leaves an image that is not the app's own", () => {
    expect(renamedRelease({ ...RELEASE, image: "dokku/older:v3" }, "old", "new").image).toBe("dokku/older:v3");
    expect(renamedRelease({ ...RELEASE, image: "registry/old:v3" }, "old", "new").image).toBe("registry/old:v3");
  });
});
