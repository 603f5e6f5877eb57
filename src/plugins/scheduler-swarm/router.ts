import type { ContainerInfo, DockerClient } from "../../executors/docker/client";
import { createHash } from "node:crypto";
import type { ContainerUpstream } from "../../builders/nginx-upstreams";
import { LABELS } from "../../builders/container-spec";
import { ROUTER_CONTAINER_TYPE, routerContainerSpec, routerNginxConfig } from "../../builders/swarm-router";
import type { Context } from "../../core/context";
import { DokkuError } from "../../core/errors";
import { inspectOrUndefined, removeContainer, startContainer, stopContainer } from "../../executors/docker/containers";
import { connectContainer } from "../../executors/docker/networks";
import { ensureRouterImage, memoryTar } from "../../executors/docker/router-image";
import { nginxOptionsFrom } from "../../executors/nginx";
import { createContainer, listLabelledContainers, putArchive } from "../../executors/docker/container-effects";

/**
 * The router of a swarm app: a small nginx container (the host's own nginx binary) on the app's
 * overlay network and on the default bridge. The host nginx proxies to it on the bridge, as it
 * proxies to docker-local containers; it passes each port on to `<app>-web`'s tasks, which
 * Docker's DNS gives as the running, healthy ones (dnsrr). Swarm's rolling updates and
 * rollbacks then need no nginx reload: the router always reaches the tasks Swarm keeps.
 */

/** The sha256 (12 hex) of the router's config: a router whose config differs is replaced. */
const CONFIG_LABEL = "com.dokku.router-config";
/** Not under dokku/: that namespace holds the apps' images (an app named swarm-router would own it). */
const ROUTER_TAG = "dokku-swarm-router:latest";
/** How long a new router may take to listen. */
const LISTEN_TIMEOUT_MS = 15_000;

export interface Router {
  readonly id: string;
  readonly name: string;
  /** What the host nginx proxies to. */
  readonly upstream: ContainerUpstream;
}

/** The app's routers, newest first. */
export async function appRouters(docker: DockerClient, app: string): Promise<ContainerInfo[]> {
  const infos = await listLabelledContainers(docker, [
    `${LABELS.app}=${app}`,
    `${LABELS.containerType}=${ROUTER_CONTAINER_TYPE}`,
  ]);
  return infos.sort((a, b) => b.Created - a.Created);
}

/** The app's newest running router as an upstream, undefined when it has none. */
export async function currentRouter(docker: DockerClient, app: string): Promise<Router | undefined> {
  for (const info of await appRouters(docker, app)) {
    if (info.State !== "running") continue;
    const router = await routerOf(docker, info.Id);
    if (router) return router;
  }
  return undefined;
}

/**
 * A running router for the app on `network` listening on `ports`: the newest one when its
 * config is the same, else a new one (started, listening) beside the old ones, which
 * `retireRouters` removes once the proxy has switched.
 */
export async function ensureRouter(
  ctx: Context,
  docker: DockerClient,
  app: string,
  network: string,
  ports: readonly number[],
): Promise<Router> {
  const config = routerNginxConfig({ app, processType: "web", ports });
  const hash = createHash("sha256").update(`${network}\n${config}`).digest("hex").slice(0, 12);
  const [newest] = (await appRouters(docker, app)).filter((info) => info.State === "running");
  if (newest && newest.Labels[CONFIG_LABEL] === hash) {
    const router = await routerOf(docker, newest.Id);
    if (router) return router;
  }
  const image = await ensureRouterImage(docker, {
    nginxBin: nginxOptionsFrom(ctx.env, ctx.isRoot).bin,
    tag: ROUTER_TAG,
  });
  if (!image.reused) ctx.out.detail(`Imported the router image ${ROUTER_TAG} from this host's nginx`);
  const name = `${app}.router.${Date.now().toString(36)}`;
  ctx.out.detail(`Starting router ${name} on network ${network}`);
  const id = await createContainer(
    docker,
    routerContainerSpec({
      name,
      image: image.tag,
      network,
      ports,
      labels: { [LABELS.app]: app, [LABELS.containerType]: ROUTER_CONTAINER_TYPE, [CONFIG_LABEL]: hash },
    }),
  );
  try {
    const bytes = new TextEncoder().encode(config);
    const archive = memoryTar([
      {
        entry: { name: "etc/nginx/nginx.conf", type: "file", mode: 0o644, size: bytes.length, mtime: 0 },
        content: bytes,
      },
    ]);
    await putArchive(docker, id, archive, "/");
    await connectContainer(docker, "bridge", id, []);
    await startContainer(docker, id);
    const router = await routerOf(docker, id);
    if (!router) throw new DokkuError(`Router ${name} has no address on the bridge network`, { code: "deploy-failed" });
    await waitListening(router.upstream.address, ports, LISTEN_TIMEOUT_MS, name);
    return router;
  } catch (error) {
    await removeContainer(docker, id);
    throw error;
  }
}

/** Stops and removes the app's routers but `keep` (every one without it). */
export async function retireRouters(docker: DockerClient, app: string, keep?: string): Promise<void> {
  const old = (await appRouters(docker, app)).filter((info) => info.Id !== keep);
  await Promise.all(
    old.map(async (info) => {
      await stopContainer(docker, info.Id, 5);
      await removeContainer(docker, info.Id);
    }),
  );
}

/** A router container as an upstream: its bridge address, and the first port it listens on (nginx uses the port maps' ports). */
async function routerOf(docker: DockerClient, id: string): Promise<Router | undefined> {
  const info = await inspectOrUndefined(docker, id);
  const address = info?.NetworkSettings.Networks?.bridge?.IPAddress;
  if (!info || !address) return undefined;
  const port = Math.min(
    ...Object.keys(info.Config.ExposedPorts ?? {})
      .map((key) => Number.parseInt(key, 10))
      .filter((value) => value > 0),
  );
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ""),
    upstream: { address, port: Number.isFinite(port) ? port : 5000, dyno: "router" },
  };
}

async function waitListening(
  address: string,
  ports: readonly number[],
  timeoutMs: number,
  name: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const port of ports) {
    for (;;) {
      if (await canConnect(address, port)) break;
      if (Date.now() > deadline)
        throw new DokkuError(`Router ${name} did not listen on ${address}:${port} within ${timeoutMs / 1000} seconds`, {
          code: "deploy-failed",
        });
      await Bun.sleep(100);
    }
  }
}

function canConnect(hostname: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    Bun.connect({
      hostname,
      port,
      socket: {
        open(socket) {
          socket.end();
          resolve(true);
        },
        data() {},
        error() {
          resolve(false);
        },
        connectError() {
          resolve(false);
        },
      },
    }).catch(() => resolve(false));
  });
}
