import { describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { NO_MOUNT_FLAGS } from "../../../src/builders/storage-attachment";
import { swarmFragments } from "../../../src/builders/swarm-fragments";
import { createEntry } from "../../../src/plugins/storage/entries";
import { storageFragment } from "../../../src/plugins/storage/fragment";
import { mountStorage } from "../../../src/plugins/storage/mounts";
import { tempRoots } from "../../harness";
import { testContext } from "../apps/context";

const none = { path: undefined, scheduler: undefined, chown: undefined, mode: undefined, reclaimPolicy: undefined };

describe("named storage entries in container specs", () => {
  test("reach both schedulers: per process type, per phase, with subpath, readonly and options (issue 14)", async () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    mkdirSync(join(roots.env.DOKKU_ROOT as string, "shop"), { recursive: true });
    await createEntry(ctx, { ...none, name: "files" });
    await createEntry(ctx, { ...none, name: "cache", path: "cache_vol" });
    const files = join(roots.env.DOKKU_LIB_ROOT as string, "data/storage/files");
    await mountStorage(ctx, {
      app: "shop",
      target: "files",
      flags: { ...NO_MOUNT_FLAGS, containerDir: "/uploads", processType: "worker", subpath: "up", phases: ["deploy"] },
    });
    await mountStorage(ctx, {
      app: "shop",
      target: "cache",
      flags: { ...NO_MOUNT_FLAGS, containerDir: "/cache", readonly: true },
    });
    const binds = async (processType: string, phase: "deploy" | "run") =>
      (await storageFragment(ctx, "shop", processType, phase)).binds;
    const worker = await storageFragment(ctx, "shop", "worker", "deploy");
    expect({
      workerDeploy: worker.binds,
      webDeploy: await binds("web", "deploy"),
      workerRun: await binds("worker", "run"),
      swarm: swarmFragments([worker]).mounts,
    }).toEqual({
      workerDeploy: ["cache_vol:/cache:ro", `${files}/up:/uploads`],
      webDeploy: ["cache_vol:/cache:ro"],
      workerRun: ["cache_vol:/cache:ro"],
      swarm: [
        { Type: "volume", Source: "cache_vol", Target: "/cache", ReadOnly: true },
        { Type: "bind", Source: `${files}/up`, Target: "/uploads" },
      ],
    });
  });
});
