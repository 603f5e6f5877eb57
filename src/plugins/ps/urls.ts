import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { appUrlsFrom, type WebListener } from "../../builders/container-urls";
import { DEFAULT_WEB_PORT } from "../../builders/container-plan";
import { inspectOrUndefined } from "../../executors/docker/containers";
import { schedulerFor } from "../scheduler/select-scheduler";
import { currentRelease } from "../release/releases";
import { proxyUrls, type AppUrls } from "../../builders/nginx-urls";
import { appCertificate } from "../certs/app-certificate";
import { appVhosts, globalDomains } from "../domains/vhosts";
import { portMaps } from "../ports/port-maps";
import { isProxyEnabled } from "../proxy/properties";

/**
 * The app's URLs, as Dokku's domains-urls. Through the proxy (enabled): one per domain and port
 * map, `http(s)://<domain>` with the port when not 80/443 (see proxyUrls). Proxy disabled: from
 * the global VHOST file, else its running web containers' own addresses (see appUrlsFrom).
 */
export async function appUrls(ctx: Context, app: string): Promise<AppUrls> {
  if (isProxyEnabled(ctx, app)) {
    return proxyUrls({
      vhosts: appVhosts(ctx, app),
      globalDomains: globalDomains(ctx),
      hostname: hostname(),
      portMaps: await portMaps(ctx, app),
      tls: appCertificate(ctx, app) !== undefined,
    });
  }
  const vhosts = readLines(`${ctx.paths.dokkuRoot}/VHOST`);
  const all =
    vhosts.length > 0
      ? appUrlsFrom(app, vhosts, [])
      : currentRelease(ctx, app)
        ? appUrlsFrom(app, [], await webListeners(ctx, app))
        : [];
  return { all, first: all[0] };
}

/** `urls <app>` prints every URL, sorted; `url <app>` the first of the default scheme. */
export async function printUrls(ctx: Context, appArg: string | undefined, firstOnly: boolean): Promise<void> {
  const app = verifyApp(ctx, appArg);
  const urls = await appUrls(ctx, app);
  for (const url of firstOnly ? (urls.first === undefined ? [] : [urls.first]) : urls.all) ctx.out.print(url);
}

async function webListeners(ctx: Context, app: string): Promise<WebListener[]> {
  const web = (await schedulerFor(ctx, app).status(ctx, app)).filter(
    (container) => container.proc === "web" && container.state === "running",
  );
  if (web.length === 0) return [];
  const docker = await ctx.docker();
  const listeners: WebListener[] = [];
  for (const container of web) {
    const info = await inspectOrUndefined(docker, container.id);
    if (!info) continue;
    const networks = Object.values(info.NetworkSettings.Networks ?? {});
    const ip = networks.find((network) => network.IPAddress)?.IPAddress ?? "";
    const port =
      (info.Config.Env ?? []).find((line) => line.startsWith("PORT="))?.slice("PORT=".length) || DEFAULT_WEB_PORT;
    listeners.push({ ip, port });
  }
  return listeners;
}

function readLines(path: string): string[] {
  try {
    return readFileSync(path, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "");
  } catch {
    return [];
  }
}
