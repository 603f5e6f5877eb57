import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { applyFragments } from "../../../src/builders/container-fragment";
import { deployContainerSpec } from "../../../src/builders/container-spec";
import type { DockerClient } from "../../../src/executors/docker/client";
import { setResources } from "../../../src/plugins/resource/commands";
import { resourceFragment } from "../../../src/plugins/resource/fragment";
import { tempRoots } from "../../harness";
import { testContext } from "../apps/context";
import { docker, haveDocker, removeAppLeftovers } from "../scheduler-docker-local/fixture";

const app = `resource-frag-${process.pid}`;

/** The text of a docker log stream without its 8-byte frame headers. */
function demux(buffer: Buffer): string {
  let text = "";
  for (let offset = 0; offset + 8 <= buffer.length; ) {
    const size = buffer.readUInt32BE(offset + 4);
    text += buffer.subarray(offset + 8, offset + 8 + size).toString("utf8");
    offset += 8 + size;
  }
  return text;
}

describe.skipIf(!haveDocker)("resourceFragment in a real container", () => {
  const roots = tempRoots();
  const { ctx } = testContext(roots.env);
  let client: DockerClient;

  beforeAll(async () => {
    client = await docker();
    mkdirSync(join(roots.env.DOKKU_ROOT as string, app), { recursive: true });
  });

  afterAll(async () => {
    await removeAppLeftovers(client, app);
    roots[Symbol.dispose]();
  });

  test("gives the web container its own memory limit and the app's cpu limit and reservation, visible in inspect and in its cgroup", async () => {
    await setResources(ctx, ["--cpu", "0.5", "--memory", "256m", app], "limit");
    await setResources(ctx, ["--process-type", "web", "--memory", "64m", "--memory-swap", "128m", app], "limit");
    await setResources(ctx, ["--memory", "32", app], "reserve");
    const spec = deployContainerSpec({
      app,
      processType: "web",
      index: 1,
      releaseId: 1,
      deployId: "1-test",
      image: "dokku-test/busybox:latest",
      name: `${app}.web.1`,
      env: new Map(),
      port: undefined,
      command: [
        "sh",
        "-c",
        "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max; cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us 2>/dev/null || cut -d' ' -f1 /sys/fs/cgroup/cpu.max",
      ],
      restartPolicy: "no",
      init: false,
    });
    const container = await client.createContainer(
      applyFragments(spec, [await resourceFragment(ctx, app, "web", "deploy")]),
    );
    await container.start();
    await container.wait();
    const inspect = await container.inspect();
    const { Memory, MemorySwap, MemoryReservation, NanoCpus } = inspect.HostConfig;
    expect({ Memory, MemorySwap, MemoryReservation, NanoCpus, exit: inspect.State.ExitCode }).toEqual({
      Memory: 64 * 1024 * 1024,
      MemorySwap: 128 * 1024 * 1024,
      MemoryReservation: 32 * 1024 * 1024,
      NanoCpus: 500_000_000,
      exit: 0,
    });
    const logs = demux((await container.logs({ stdout: true, stderr: true })) as unknown as Buffer);
    expect(logs).toBe(`${64 * 1024 * 1024}\n50000\n`);
  });

  test("leaves a worker on the app defaults, an app with no values unlimited, and nothing when DOKKU_OMIT_RESOURCE_ARGS=1", async () => {
    const worker = await resourceFragment(ctx, app, "worker", "run");
    const none = await resourceFragment(ctx, "other-app", "web", "deploy");
    const omitted = await resourceFragment(
      testContext({ ...roots.env, DOKKU_OMIT_RESOURCE_ARGS: "1" }).ctx,
      app,
      "web",
      "deploy",
    );
    expect({ worker, none, omitted }).toEqual({
      worker: { hostConfig: { NanoCpus: 500_000_000, Memory: 256 * 1024 * 1024, MemoryReservation: 32 * 1024 * 1024 } },
      none: {},
      omitted: {},
    });
  });
});
