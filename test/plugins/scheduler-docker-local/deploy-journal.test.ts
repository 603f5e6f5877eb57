import { describe, expect, test } from "bun:test";
import { isCommitted } from "../../../src/plugins/scheduler-docker-local/deploy-journal";

describe("isCommitted", () => {
  const deploy = { releaseId: 5, previousReleaseId: 4 };
  const restart = { releaseId: 4, previousReleaseId: 4 };

  test("a deploy of a new release is committed once the pointer names it, whatever its journal's phase", () => {
    expect([
      isCommitted({ ...deploy, phase: "starting" }, 4),
      isCommitted({ ...deploy, phase: "switching" }, 4),
      isCommitted({ ...deploy, phase: "switching" }, 5),
      isCommitted({ ...deploy, phase: "committed" }, 4),
    ]).toEqual([false, false, true, true]);
  });

  test("a restart of the running release is committed only by its journal", () => {
    expect([
      isCommitted({ ...restart, phase: "switching" }, 4),
      isCommitted({ ...restart, phase: "committed" }, 4),
    ]).toEqual([false, true]);
  });

  test("a first deploy is committed once the pointer exists", () => {
    expect([
      isCommitted({ releaseId: 1, previousReleaseId: null, phase: "switching" }, undefined),
      isCommitted({ releaseId: 1, previousReleaseId: null, phase: "switching" }, 1),
    ]).toEqual([false, true]);
  });
});
