import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { deployLockPath } from "../../../src/plugins/apps/paths";
import { isDeployLocked, lockDeploys, unlockDeploys } from "../../../src/plugins/apps/deploy-lock";
import { deployLockWait, holdDeployLock, interruptedNote } from "../../../src/plugins/deploy/deploy-lock";
import { dokkuErrorOf, dokkuErrorOfAsync, tempRoots } from "../../harness";
import { machine } from "../../machine";
import { testContext } from "../apps/context";

function setup() {
  const roots = tempRoots();
  mkdirSync(`${roots.env.DOKKU_ROOT}/web`, { recursive: true });
  const { ctx, sink } = testContext(roots.env);
  return { roots, ctx, sink, [Symbol.dispose]: () => roots[Symbol.dispose]() };
}

describe("holdDeployLock", () => {
  test("marks the app locked while a deploy holds it and removes the marker after", async () => {
    using t = setup();
    const lock = await holdDeployLock(t.ctx, "web", { waitMs: 0 });
    expect(isDeployLocked(t.ctx, "web")).toBe(true);
    expect(readFileSync(deployLockPath(t.ctx, "web"), "utf8")).toMatch(/^deploy pid=\d+ started=/);
    lock.release();
    expect(isDeployLocked(t.ctx, "web")).toBe(false);
  });

  test("a second deploy gives up with a clear message when the first is still running", async () => {
    using t = setup();
    using _first = await holdDeployLock(t.ctx, "web", { waitMs: 0 });
    expect(await dokkuErrorOfAsync(() => holdDeployLock(t.ctx, "web", { waitMs: 50, pollMs: 10 }))).toBe(
      "Another deploy of web is still running; try again when it has finished",
    );
    expect(t.sink.out).toContain("-----> web currently has a deploy lock in place. Waiting...");
  });

  test("a second deploy waits for the first to finish, then runs", async () => {
    using t = setup();
    const first = await holdDeployLock(t.ctx, "web", { waitMs: 0 });
    const second = holdDeployLock(t.ctx, "web", { waitMs: 5_000, pollMs: 10 });
    first.release();
    using _held = await second;
    expect(isDeployLocked(t.ctx, "web")).toBe(true);
  });

  test("refuses while apps:lock is in place and leaves that lock alone", async () => {
    using t = setup();
    await lockDeploys(t.ctx, "web");
    expect(await dokkuErrorOfAsync(() => holdDeployLock(t.ctx, "web", { waitMs: 0 }))).toBe(
      "Run 'apps:unlock' to release the existing deploy lock",
    );
    expect(t.sink.err).toContain(" !     web currently has a deploy lock in place. Exiting...");
    expect(isDeployLocked(t.ctx, "web")).toBe(true);
    await unlockDeploys(t.ctx, "web");
    using _lock = await holdDeployLock(t.ctx, "web", { waitMs: 0 });
  });

  // taking over settles what the killed deploy left (recoverApp), which asks the engine about its containers
  test.skipIf(!machine.docker)("takes over the marker a killed deploy left, saying so", async () => {
    using t = setup();
    const path = deployLockPath(t.ctx, "web");
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, "deploy pid=999999 started=2024-01-01T00:00:00.000Z\n");
    using _lock = await holdDeployLock(t.ctx, "web", { waitMs: 0 });
    expect(t.sink.err).toContain(
      "A previous deploy of web was interrupted (deploy pid=999999 started=2024-01-01T00:00:00.000Z); taking over its lock",
    );
    expect(readFileSync(path, "utf8")).toStartWith(`deploy pid=${process.pid} `);
  });

  test("apps:unlock clears a marker a killed deploy left", async () => {
    using t = setup();
    const path = deployLockPath(t.ctx, "web");
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, "deploy pid=999999 started=2024-01-01T00:00:00.000Z\n");
    await unlockDeploys(t.ctx, "web");
    expect(existsSync(path)).toBe(false);
  });
});

describe("deployLockWait", () => {
  test("is DOKKU_DEPLOY_LOCK_WAIT seconds, 600 by default, and refuses garbage", () => {
    expect(deployLockWait({ env: {} })).toBe(600_000);
    expect(deployLockWait({ env: { DOKKU_DEPLOY_LOCK_WAIT: "2.5" } })).toBe(2_500);
    expect(dokkuErrorOf(() => deployLockWait({ env: { DOKKU_DEPLOY_LOCK_WAIT: "soon" } }))).toBe(
      "DOKKU_DEPLOY_LOCK_WAIT must be a number of seconds, got 'soon'",
    );
  });
});

describe("interruptedNote", () => {
  test("is a note a deploy lock's holder wrote, not apps:lock's nor an empty one", () => {
    expect(
      ["deploy pid=12 started=2024-01-01T00:00:00.000Z\n", "apps:lock user=alice at=x\n", ""].map(interruptedNote),
    ).toEqual([true, false, false]);
  });
});
