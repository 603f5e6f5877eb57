import { describe, expect, test } from "bun:test";
import { planContainers } from "../../../src/builders/container-plan";
import { planChecks } from "../../../src/builders/healthcheck-plan";
import { servicesOfPlan, swarmServiceSpec } from "../../../src/builders/swarm-service-spec";
import type { DockerClient } from "../../../src/executors/docker/client";
import { listServiceTasks, type TaskInfo } from "../../../src/executors/docker/services";
import { buildTestImage, docker, haveDocker, removeAppLeftovers } from "../scheduler-docker-local/fixture";
import { until, withSwarm } from "./swarm-fixture";

const app = `swarm-spec-${process.pid}`;

async function tasksOf(client: DockerClient, service: string): Promise<TaskInfo[]> {
  return listServiceTasks(client, service, "running");
}

describe.skipIf(!haveDocker)("swarmServiceSpec on a swarm", () => {
  test("runs 2 healthy web tasks, each with its slot's DYNO and the config unexpanded", async () => {
    const client = await docker();
    const image = await buildTestImage(client, app);
    try {
      await withSwarm(async () => {
        const env = new Map([["FOO", "a{{b}}"]]);
        const plan = planContainers({
          processes: { web: "httpd -f -p $PORT -h /www" },
          formation: { web: 2 },
          startCmd: "",
          env,
        });
        const [web] = servicesOfPlan(plan);
        const checks = planChecks({
          processType: "web",
          healthchecks: {
            web: [
              {
                type: "startup",
                name: "index",
                path: "/index.html",
                content: "hello",
                wait: 1,
                timeout: 2,
                attempts: 3,
              },
            ],
          },
          settings: {},
          defaultWait: 0,
          port: 5000,
        });
        const { spec, unsupported } = swarmServiceSpec({
          app,
          processType: "web",
          release: { id: 1, image },
          replicas: web?.replicas ?? 0,
          env,
          port: web?.port,
          command: web?.command,
          restartPolicy: "on-failure:10",
          init: true,
          fragments: [],
          checks,
          settings: {},
        });
        expect(unsupported).toEqual([]);
        const service = await client.createService(spec);
        try {
          const tasks = await until("2 healthy tasks", 90_000, async () => {
            const found = await tasksOf(client, `${app}-web`);
            return found.filter((task) => task.Status?.State === "running").length === 2 ? found : undefined;
          });
          const containers = await Promise.all(
            tasks.map(async (task) => {
              const id = task.Status?.ContainerStatus?.ContainerID ?? "";
              const inspect = await client.getContainer(id).inspect();
              return {
                health: inspect.State.Health?.Status,
                env: (inspect.Config.Env ?? []).filter((line) => !line.startsWith("PATH=")).sort(),
                app: inspect.Config.Labels["com.dokku.app-name"],
              };
            }),
          );
          expect(containers.sort((a, b) => (a.env.join() < b.env.join() ? -1 : 1))).toEqual([
            { health: "healthy", env: ["DYNO=web.1", "FOO=a{{b}}", "PORT=5000"], app },
            { health: "healthy", env: ["DYNO=web.2", "FOO=a{{b}}", "PORT=5000"], app },
          ]);
        } finally {
          await service.remove();
          await until("the service's containers to go", 60_000, async () => {
            const left = await client.listContainers({
              all: true,
              filters: { label: [`com.docker.swarm.service.name=${app}-web`] },
            });
            return left.length === 0 ? true : undefined;
          });
        }
      });
    } finally {
      await removeAppLeftovers(client, app);
    }
  }, 240_000);
});
