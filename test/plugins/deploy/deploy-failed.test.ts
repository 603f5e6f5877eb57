import { describe, expect, test } from "bun:test";
import { DokkuError } from "../../../src/core/errors";
import { createApp } from "../../../src/plugins/apps/create";
import { failureReason } from "../../../src/plugins/deploy/deploy-failed";
import { deployApp } from "../../../src/plugins/deploy/pipeline";
import type { Payload } from "../../../src/triggers/bus";
import { dokkuErrorOfAsync, tempDir, tempRoots } from "../../harness";
import { testContext } from "../apps/context";

describe("failureReason", () => {
  test("is the message, with a hidden cause appended", () => {
    const build = new DokkuError("App build failed", { cause: new Error("RUN false: exit code 1") });
    expect([
      failureReason(build),
      failureReason(new DokkuError("Could not start web.1: timeout", { cause: new Error("timeout") })),
      failureReason(new Error("plain")),
      failureReason("text"),
    ]).toEqual(["App build failed: RUN false: exit code 1", "Could not start web.1: timeout", "plain", "text"]);
  });
});

describe("deploy-failed", () => {
  test("fires at the build stage without a release, and a failing handler only warns: the deploy's own error stays", async () => {
    using roots = tempRoots();
    using tree = tempDir("dokku-empty-tree-");
    const { ctx, sink } = testContext(roots.env);
    await createApp(ctx, "no-build");
    const seen: Payload<"deploy-failed">[] = [];
    ctx.bus.on("deploy-failed", "broken-notifier", () => {
      throw new Error("webhook down");
    });
    ctx.bus.on("deploy-failed", "recorder", (payload) => {
      seen.push(payload);
      return null;
    });
    const error = await dokkuErrorOfAsync(() =>
      deployApp(ctx, "no-build", { kind: "tree", dir: tree.path, origin: "archive" }),
    );
    const lookedFor = `No builder detected: looked for a Dockerfile at Dockerfile`;
    expect({
      error,
      seen,
      warned: sink.err.includes(" !     broken-notifier failed on deploy-failed: webhook down\n"),
    }).toEqual({
      error: lookedFor,
      seen: [{ app: "no-build", stage: "build", reason: lookedFor, releaseId: null }],
      warned: true,
    });
  });

  test("is not fired when the deploy does not start (an unknown app)", async () => {
    using roots = tempRoots();
    using tree = tempDir("dokku-empty-tree-");
    const { ctx } = testContext(roots.env);
    const seen: unknown[] = [];
    ctx.bus.on("deploy-failed", "recorder", (payload) => {
      seen.push(payload);
      return null;
    });
    const error = await dokkuErrorOfAsync(() =>
      deployApp(ctx, "ghost", { kind: "tree", dir: tree.path, origin: "archive" }),
    );
    expect({ error, seen }).toEqual({ error: "App ghost does not exist", seen: [] });
  });
});
