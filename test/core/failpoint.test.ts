import { describe, expect, test } from "bun:test";
import { failpointArmed } from "../../src/core/failpoint";

describe("failpointArmed", () => {
  test("arms exactly the names listed, comma separated", () => {
    expect(
      ["deploy:switched", "deploy:committed", "deploy:switch", ""].map((name) =>
        failpointArmed("deploy:switched, deploy:committed", name),
      ),
    ).toEqual([true, true, false, false]);
  });

  test("arms nothing when unset or empty", () => {
    expect([failpointArmed(undefined, "deploy:switched"), failpointArmed("", "deploy:switched")]).toEqual([
      false,
      false,
    ]);
  });
});
