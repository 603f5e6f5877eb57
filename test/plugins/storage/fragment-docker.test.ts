import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { applyFragments } from "../../../src/builders/container-fragment";
import { deployContainerSpec } from "../../../src/builders/container-spec";
import { NO_MOUNT_FLAGS } from "../../../src/builders/storage-attachment";
import { legacyEntryFor } from "../../../src/builders/storage-mount";
import type { DockerClient } from "../../../src/executors/docker/client";
import { ensureStorageDirectory } from "../../../src/plugins/storage/ensure-directory";
import { storageFragment } from "../../../src/plugins/storage/fragment";
import { mountStorage } from "../../../src/plugins/storage/mounts";
import { tempRoots } from "../../harness";
import { testContext } from "../apps/context";
import { docker, haveDocker, removeAppLeftovers } from "../scheduler-docker-local/fixture";

const app = `storage-${process.pid}`;
/** Binds come in Dokku's order, by entry name (the hash of the host path). */
const byEntry = (binds: string[]) =>
  binds.sort((a, b) =>
    legacyEntryFor(a.split(":")[0] as string).name < legacyEntryFor(b.split(":")[0] as string).name ? -1 : 1,
  );

describe.skipIf(!haveDocker)("storageFragment in a real container", () => {
  const roots = tempRoots();
  const { ctx } = testContext(roots.env);
  const data = join(roots.env.DOKKU_LIB_ROOT as string, "data/storage", app);
  const config = join(roots.dir, "config");
  let client: DockerClient;

  beforeAll(async () => {
    client = await docker();
    mkdirSync(join(roots.env.DOKKU_ROOT as string, app), { recursive: true });
    mkdirSync(config);
    writeFileSync(join(config, "settings.txt"), "from the host\n");
    ensureStorageDirectory(ctx, app, "root");
    await mountStorage(ctx, { app, target: `${data}:/app/storage`, flags: NO_MOUNT_FLAGS });
    await mountStorage(ctx, { app, target: `${config}:/app/config:ro`, flags: NO_MOUNT_FLAGS });
  });

  afterAll(async () => {
    await removeAppLeftovers(client, app);
    roots[Symbol.dispose]();
  });

  /** Creates the container with the storage fragment, runs `script` to its end, removes it; its exit code and binds. */
  async function runOnce(
    processType: string,
    phase: "deploy" | "run",
    script: string,
  ): Promise<{ exit: number; binds: string[] | undefined; mounts: string[] }> {
    const spec = deployContainerSpec({
      app,
      processType,
      index: 1,
      releaseId: 1,
      deployId: "1-test",
      image: "dokku-test/busybox:latest",
      name: `${app}.${processType}.${phase}`,
      env: new Map(),
      port: undefined,
      command: ["sh", "-c", script],
      restartPolicy: "no",
      init: false,
    });
    const container = await client.createContainer(
      applyFragments(spec, [await storageFragment(ctx, app, processType, phase)]),
    );
    try {
      await container.start();
      const { StatusCode } = (await container.wait()) as { StatusCode: number };
      const inspect = await container.inspect();
      return {
        exit: StatusCode,
        binds: inspect.HostConfig.Binds ?? undefined,
        mounts: inspect.Mounts.map((mount) => `${mount.Source}:${mount.Destination}:${mount.RW ? "rw" : "ro"}`).sort(),
      };
    } finally {
      await container.remove({ force: true });
    }
  }

  test("a deploy container writes into the mount and the file outlives the container; the ro mount is read-only", async () => {
    const web = await runOnce(
      "web",
      "deploy",
      "cat /app/config/settings.txt > /app/storage/out.txt && echo written >> /app/storage/out.txt && ! touch /app/config/nope",
    );
    const left = await client.listContainers({ all: true, filters: { label: [`com.dokku.app-name=${app}`] } });
    expect({ web, left: left.length, file: readFileSync(join(data, "out.txt"), "utf8") }).toEqual({
      web: {
        exit: 0,
        binds: byEntry([`${config}:/app/config:ro`, `${data}:/app/storage`]),
        mounts: [`${config}:/app/config:ro`, `${data}:/app/storage:rw`].sort(),
      },
      left: 0,
      file: "from the host\nwritten\n",
    });
  });

  test("a run container sees what the deploy container left", async () => {
    const run = await runOnce(
      "run",
      "run",
      "grep -q written /app/storage/out.txt && echo again >> /app/storage/out.txt",
    );
    expect({ exit: run.exit, binds: run.binds, file: readFileSync(join(data, "out.txt"), "utf8") }).toEqual({
      exit: 0,
      binds: byEntry([`${config}:/app/config:ro`, `${data}:/app/storage`]),
      file: "from the host\nwritten\nagain\n",
    });
  });
});
