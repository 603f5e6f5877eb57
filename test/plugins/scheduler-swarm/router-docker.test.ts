import { describe, expect, test } from "bun:test";
import { Readable } from "node:stream";
import { routerNginxConfig } from "../../../src/builders/swarm-router";
import type { DockerClient } from "../../../src/executors/docker/client";
import { ensureRouterImage, memoryTar } from "../../../src/executors/docker/router-image";
import { docker, haveDocker } from "../scheduler-docker-local/fixture";
import { enterSwarm, until, withSwarm } from "./swarm-fixture";
import { machine } from "../../machine";

const app = `rtr-${process.pid}`;
const tag = `dokku-test/router-${process.pid}:1`;
const LABELS = { "com.dokku.test": app };
const haveTools = haveDocker && machine.nginx && machine.busybox;

/** Polls `probe` until it returns a value, failing after `ms` (a bounded wait on Docker's own pace). */
/** A created (not started) container from the router image with `config` at `path`. */
async function routerContainer(client: DockerClient, image: string, config: string, path: string, extra: object = {}) {
  const container = await client.createContainer({ Image: image, Labels: LABELS, ...extra });
  const bytes = new TextEncoder().encode(config);
  const archive = memoryTar([
    { entry: { name: path.slice(1), type: "file", mode: 0o644, size: bytes.length, mtime: 0 }, content: bytes },
  ]);
  await container.putArchive(Readable.from([Buffer.from(archive)]), { path: "/" });
  return container;
}

async function logsOf(client: DockerClient, id: string): Promise<string> {
  const raw = (await client.getContainer(id).logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
  return raw.toString("utf8");
}

describe.skipIf(!haveTools)("ensureRouterImage", () => {
  test("imports a router image once, whose nginx accepts the router config and proxies to a dnsrr swarm service", async () => {
    const client = await docker();
    // the import itself must run here: router images other runs left (swarm suites hold the
    // same lock while they use one) go first
    const leave = await enterSwarm();
    try {
      for (const image of await client.listImages({ filters: { label: ["com.dokku.router-image"] } }))
        await client.getImage(image.Id).remove({ force: true });
    } finally {
      await leave();
    }
    const first = await ensureRouterImage(client, { nginxBin: "/usr/sbin/nginx", tag });
    expect(first.reused).toBe(false);
    try {
      const again = await ensureRouterImage(client, { nginxBin: "/usr/sbin/nginx", tag });
      expect(again).toEqual({ id: first.id, tag, reused: true });
      const labels = (await client.getImage(tag).inspect()).Config.Labels ?? {};
      expect(Object.keys(labels)).toEqual(["com.dokku.router-image"]);

      const config = routerNginxConfig({ app, processType: "web", ports: [5000] });
      const check = await routerContainer(client, tag, config, "/etc/nginx/router.conf", {
        Cmd: ["/usr/sbin/nginx", "-t", "-c", "/etc/nginx/router.conf"],
      });
      try {
        await check.start();
        const { StatusCode } = (await check.wait()) as { StatusCode: number };
        const logs = await logsOf(client, check.id);
        expect([StatusCode, logs.includes("test is successful")]).toEqual([0, true]);
      } finally {
        await check.remove({ force: true });
      }

      await withSwarm(async () => {
        const network = await client.createNetwork({
          Name: `${app}-net`,
          Driver: "overlay",
          Attachable: true,
          Labels: LABELS,
        });
        try {
          const service = await client.createService({
            Name: `${app}-web`,
            Labels: LABELS,
            TaskTemplate: {
              ContainerSpec: {
                Image: "dokku-test/busybox:latest",
                Command: ["sh", "-c", "hostname > /tmp/index.html; exec httpd -f -p 5000 -h /tmp"],
                StopGracePeriod: 0,
              },
              Networks: [{ Target: network.id }],
            },
            Mode: { Replicated: { Replicas: 2 } },
            EndpointSpec: { Mode: "dnsrr" },
          });
          try {
            const router = await routerContainer(client, tag, config, "/etc/nginx/nginx.conf", {
              ExposedPorts: { "5000/tcp": {} },
              HostConfig: {
                NetworkMode: `${app}-net`,
                PortBindings: { "5000/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] },
              },
            });
            try {
              await router.start();
              const port = (await router.inspect()).NetworkSettings.Ports["5000/tcp"]?.[0]?.HostPort;
              expect(port).toMatch(/^\d+$/);
              const served = new Set<string>();
              await until("both tasks to answer through the router", 90_000, async () => {
                const response = await fetch(`http://127.0.0.1:${port}/index.html`).catch(() => undefined);
                if (response?.status === 200) served.add((await response.text()).trim());
                else await response?.text();
                return served.size === 2 ? true : undefined;
              });
              const response = await fetch(`http://127.0.0.1:${port}/index.html`, {
                headers: { "X-Forwarded-Proto": "https" },
              });
              expect([response.status, served.size]).toEqual([200, 2]);
              await response.text();
            } finally {
              await router.remove({ force: true });
            }
          } finally {
            await client.getService(service.id).remove();
            await until("the service's containers to go", 60_000, async () => {
              const left = await client.listContainers({
                all: true,
                filters: { label: [`com.docker.swarm.service.name=${app}-web`] },
              });
              return left.length === 0 ? true : undefined;
            });
          }
        } finally {
          await until("the network to go", 30_000, async () => {
            try {
              await network.remove();
              return true;
            } catch (error) {
              return (error as { statusCode?: number }).statusCode === 404 ? true : undefined;
            }
          });
        }
      });
    } finally {
      if (!first.reused)
        await client
          .getImage(first.id)
          .remove({ force: true })
          .catch(() => undefined);
      else
        await client
          .getImage(tag)
          .remove()
          .catch(() => undefined);
    }
  }, 300_000);
});
