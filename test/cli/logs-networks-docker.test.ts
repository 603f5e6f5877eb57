import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { DockerClient } from "../../src/executors/docker/client";
import { runDokku, tempRoots } from "../harness";
import { docker, haveDocker } from "../plugins/scheduler-docker-local/fixture";

const network = `dokku-vector-net-${process.pid}`;

describe.skipIf(!haveDocker)("logs:set --global vector-networks (issue 14)", () => {
  const roots = tempRoots();
  const dokku = (...args: string[]) => runDokku(args, { env: roots.env });
  let client: DockerClient;

  beforeAll(async () => {
    client = await docker();
    await client.createNetwork({ Name: network });
  });

  afterAll(async () => {
    await client.getNetwork(network).remove();
    roots[Symbol.dispose]();
  });

  test("takes only networks the engine has, as Dokku's docker network inspect check", async () => {
    const missing = await dokku(
      "logs:set",
      "--global",
      "vector-networks",
      `${network},dokku-no-such-net-${process.pid}`,
    );
    const set = await dokku("logs:set", "--global", "vector-networks", network);
    const report = await dokku("logs:report", "--global", "--logs-global-vector-networks");
    expect({ missing, set: [set.stdout, set.exitCode], report: report.stdout }).toEqual({
      missing: {
        stdout: "",
        stderr: ` !     Network "dokku-no-such-net-${process.pid}" does not exist\n`,
        exitCode: 1,
      },
      set: [`=====> Setting vector-networks to ${network}\n`, 0],
      report: `${network}\n`,
    });
  });
});
