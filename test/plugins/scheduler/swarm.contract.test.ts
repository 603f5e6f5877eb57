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
import { enterSwarm } from "../scheduler-swarm/swarm-fixture";
import { schedulerContract, type ContractSubject } from "./contract";
import { machine } from "../../machine";

const swarmScheduler = schedulerNamed("swarm");

const app = `swarm-contract-${process.pid}`;
const haveTools = haveDocker && machine.nginx && machine.busybox;

/** The swarm scheduler on a single-node swarm this suite makes (and leaves), with real services, tasks and a router. */
async function makeSwarm(): Promise<ContractSubject> {
  const leave = await enterSwarm();
  const roots = tempRoots();
  const { ctx, sink } = testContext(roots.env);
  const client = await docker();
  const removeAll = async () => {
    await swarmScheduler.destroy(ctx, app, { keepImages: true }).catch(() => undefined);
    await removeAppLeftovers(client, app);
  };
  try {
    const image = await buildTestImage(client, app);
    mkdirSync(join(roots.env.DOKKU_ROOT as string, app), { recursive: true });
    setSettleSeconds(roots.env.DOKKU_LIB_ROOT as string, 1);
    return {
      scheduler: swarmScheduler,
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
        const services = await client.listServices({ filters: { label: [`com.dokku.app-name=${app}`] } });
        return {
          containers: [
            ...services.map((service) => `service ${service.Spec?.Name}`),
            ...containers.map((info) => (info.Names[0] ?? "").replace(/^\//, "")),
          ],
          images: images.flatMap((info) => info.RepoTags ?? [info.Id]),
        };
      },
      async infrastructure() {
        const routers = await client.listContainers({
          all: true,
          filters: { label: [`com.dokku.app-name=${app}`, "com.dokku.container-type=router"] },
        });
        const services = await client.listServices({ filters: { label: [`com.dokku.app-name=${app}`] } });
        return [
          ...services.map((service) => `service ${service.Spec?.Name}`),
          ...routers.map((info) => (info.Names[0] ?? "").replace(/^\//, "")),
        ];
      },
      async cleanup() {
        try {
          await removeAll();
        } finally {
          roots[Symbol.dispose]();
          await leave();
        }
      },
    };
  } catch (error) {
    await removeAll();
    roots[Symbol.dispose]();
    await leave();
    throw error;
  }
}

// setup waits up to 600 s for the machine's swarm lock (enterSwarm)
if (haveTools) schedulerContract("swarm", makeSwarm, { stepTimeoutMs: 120_000, setupTimeoutMs: 720_000 });
else
  describe.skip("scheduler contract: swarm (no docker socket or nginx)", () =>
    test.skip("needs docker and nginx", () => undefined));
