import type { Context } from "../../core/context";
import {
  formatPortMap,
  parsePortMap,
  portMapsFromExposedPorts,
  uniquePortMaps,
  withTlsPortMaps,
  type PortMap,
} from "../../builders/port-map";
import { inspectImage } from "../../executors/docker/images";
import { appCertificate } from "../certs/app-certificate";
import { currentRelease } from "../release/releases";

/** Dokku's ports properties: `map` (configured with ports:*), `map-detected` (from the last deploy's image). */
export const PORTS_PLUGIN = "ports";
export const MAP = "map";
export const MAP_DETECTED = "map-detected";

/** The port the app's process listens on when its image exposes none (Dokku's default). */
export const DEFAULT_CONTAINER_PORT = 5000;

/** Maps stored one per line; lines this proxy cannot serve (udp, grpc, garbage) are skipped. */
function readMaps(ctx: Pick<Context, "store">, app: string, key: string): PortMap[] | undefined {
  if (!ctx.store.has(PORTS_PLUGIN, app, key)) return undefined;
  const maps: PortMap[] = [];
  for (const line of ctx.store.getList(PORTS_PLUGIN, app, key)) {
    try {
      maps.push(parsePortMap(line.trim()));
    } catch {
      // written by hand or by Dokku with a scheme nginx does not proxy here
    }
  }
  return maps;
}

/** The maps set with `ports:add|set|remove`; [] when none. */
export function configuredPortMaps(ctx: Pick<Context, "store">, app: string): PortMap[] {
  return readMaps(ctx, app, MAP) ?? [];
}

/** Dokku's proxy properties `proxy-port` / `proxy-ssl-port` (app, then global), else the default. */
function proxyPort(
  ctx: Pick<Context, "store">,
  app: string,
  key: "proxy-port" | "proxy-ssl-port",
  fallback: number,
): number {
  const port = Number(ctx.store.getComputed("proxy", app, key));
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : fallback;
}

/** `http:80:5000`, or the app's `proxy-port` instead of 80. */
export function defaultPortMaps(ctx: Pick<Context, "store">, app: string): PortMap[] {
  return [{ scheme: "http", host: proxyPort(ctx, app, "proxy-port", 80), container: DEFAULT_CONTAINER_PORT }];
}

/** The maps an image's EXPOSE gives (none: the default map); undefined when the image or Docker is not there. */
export async function detectPortMaps(ctx: Context, app: string, image: string): Promise<PortMap[] | undefined> {
  let config: Awaited<ReturnType<typeof inspectImage>>;
  try {
    config = await inspectImage(await ctx.docker(), image);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === "ENOENT" || code === "ECONNREFUSED") return undefined;
    throw error;
  }
  if (!config) return undefined;
  const maps = portMapsFromExposedPorts(config.exposedPorts);
  return maps.length > 0 ? maps : defaultPortMaps(ctx, app);
}

/** Runs after each build (pre-deploy) and deploy: saves what the image exposes as `map-detected`. */
export async function recordDetectedPortMaps(ctx: Context, app: string, image: string): Promise<void> {
  const maps = await detectPortMaps(ctx, app, image);
  if (maps) ctx.store.setList(PORTS_PLUGIN, app, MAP_DETECTED, maps.map(formatPortMap));
}

/**
 * The detected maps: `map-detected` from the last deploy, else what the current release's image
 * exposes, else `http:80:5000`; with a certificate, https is added as Dokku does.
 */
export async function detectedPortMaps(ctx: Context, app: string): Promise<PortMap[]> {
  let maps = readMaps(ctx, app, MAP_DETECTED);
  if (maps === undefined || maps.length === 0) {
    const release = currentRelease(ctx, app);
    maps = (release ? await detectPortMaps(ctx, app, release.image) : undefined) ?? defaultPortMaps(ctx, app);
  }
  return appCertificate(ctx, app) ? withTlsPortMaps(maps, proxyPort(ctx, app, "proxy-ssl-port", 443)) : maps;
}

/**
 * The maps the proxy listens with (Dokku's ports-get): the configured ones, else the detected
 * ones; one per `scheme:host-port`.
 */
export async function portMaps(ctx: Context, app: string): Promise<PortMap[]> {
  const configured = configuredPortMaps(ctx, app);
  return uniquePortMaps(configured.length > 0 ? configured : await detectedPortMaps(ctx, app));
}
