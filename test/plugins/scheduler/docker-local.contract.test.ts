import { describe, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { schedulerNamed } from "../../../src/plugins/scheduler/select-scheduler";
import { tempRoots } from "../../harness";
import { testContext } from "../apps/context";
import {
  buildTestImage,
  docker,
  haveDocker,
  removeAppLeftovers,
  setSettleSeconds,
} from "../scheduler-docker-local/fixture";
import { schedulerContract, type ContractSubject } from "./contract";

const dockerLocalScheduler = schedulerNamed("docker-local");

const app = `sched-contract-${process.pid}`;

async function makeDockerLocal(): Promise<ContractSubject> {
  const roots = tempRoots();
  const { ctx, sink } = testContext(roots.env);
  const client = await docker();
  try {
    const image = await buildTestImage(client, app);
    mkdirSync(join(roots.env.DOKKU_ROOT as string, app), { recursive: true });
    setSettleSeconds(roots.env.DOKKU_LIB_ROOT as string, 1);
    return {
      scheduler: dockerLocalScheduler,
      ctx,
      app,
      image,
      output: sink,
      async footprint() {
        const containers = await client.listContainers({
          all: true,
          filters: { label: [`com.dokku.app-name=${app}`] },
        });
        const images = await client.listImages({ filters: { reference: [`dokku/${app}`] } });
        return {
          containers: containers.map((info) => (info.Names[0] ?? "").replace(/^\//, "")),
          images: images.flatMap((info) => info.RepoTags ?? [info.Id]),
        };
      },
      async cleanup() {
        await removeAppLeftovers(client, app);
        roots[Symbol.dispose]();
      },
    };
  } catch (error) {
    await removeAppLeftovers(client, app);
    roots[Symbol.dispose]();
    throw error;
  }
}

if (haveDocker) {
  schedulerContract("docker-local", makeDockerLocal);
} else
  describe.skip("scheduler contract: docker-local (no docker socket)", () =>
    test.skip("needs docker", () => undefined));
