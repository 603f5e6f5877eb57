import { existsSync } from "node:fs";
import type { Context } from "../../core/context";
import { renderNginxConfig } from "../../builders/nginx-config";
import type { ChangeOutcome } from "../../executors/nginx";
import { nginxSettingsFrom } from "../../builders/nginx-properties";
import { appCertificate } from "../certs/app-certificate";
import { appVhosts } from "../domains/vhosts";
import { portMaps } from "../ports/port-maps";
import { isProxyEnabled, servedByNginx } from "../proxy/properties";
import { currentRelease } from "../release/releases";
import { schedulerFor } from "../scheduler/select-scheduler";
import { appConfigPath, changeAppConfig, nginxFor, reportOutcome } from "./runtime";
import { nginxPropertyValues } from "./properties";
import { appSnippets } from "./snippets";
import { verifyUpstreams } from "./verify-upstreams";

/** Where the proxy sends the app's web traffic: an address, and the dyno it is for messages. */
type Upstream = { readonly address: string; readonly dyno?: string };

const HTTP2_DIRECTIVE_SINCE = [1, 25, 1];

/** The app's config with exactly these upstreams, from its domains, port maps, certificate and nginx properties. */
export async function renderAppConfig(ctx: Context, app: string, upstreams: readonly Upstream[]): Promise<string> {
  const tls = appCertificate(ctx, app);
  const maps = await portMaps(ctx, app);
  for (const map of maps) {
    if (map.scheme === "https" && !tls)
      ctx.out.warn(
        `Ignoring detected https port mapping without an accompanying ssl certificate (https:${map.host}:${map.container})`,
      );
  }
  const version = await nginxFor(ctx).version();
  return renderNginxConfig({
    app,
    dokkuRoot: ctx.paths.dokkuRoot,
    vhosts: appVhosts(ctx, app),
    portMaps: maps,
    upstreams,
    tls,
    settings: nginxSettingsFrom(nginxPropertyValues(ctx, app).computed),
    http2Directive: version !== undefined && atLeast(version, HTTP2_DIRECTIVE_SINCE),
    snippets: await appSnippets(ctx, app),
  });
}

/** Renders, checks and reloads the app's config routing to `upstreams`; throws (old config kept) when nginx refuses it. */
export async function applyAppConfig(ctx: Context, app: string, upstreams: readonly Upstream[]): Promise<void> {
  const text = await renderAppConfig(ctx, app, upstreams);
  for (const vhost of appVhosts(ctx, app)) ctx.out.step(`Configuring ${vhost}...(using built-in template)`);
  ctx.out.step(`Creating ${appCertificate(ctx, app) ? "https" : "http"} nginx.conf`);
  reportOutcome(ctx, await writeAppConfig(ctx, app, upstreams, text));
}

/**
 * Every write of an app's upstreams ends here: `text` (rendered for `upstreams`) goes live only
 * after, under the nginx lock and right before the write, each upstream is verified to be a
 * running web container of the app (verifyUpstreams). Unchanged text is left as it is.
 */
export async function writeAppConfig(
  ctx: Context,
  app: string,
  upstreams: readonly Upstream[],
  text?: string,
): Promise<ChangeOutcome> {
  const rendered = text ?? (await renderAppConfig(ctx, app, upstreams));
  return changeAppConfig(ctx, app, rendered, () => verifyUpstreams(ctx, app, upstreams));
}

/**
 * `proxy:build-config`, and what domains, ports and certs call after a change: the config from
 * the upstreams the app's scheduler gives (its running web containers of the current release). A disabled proxy removes the config
 * (as Dokku's nginx_build_config); an app never deployed, or served by another proxy, is left alone.
 */
export async function buildNginxConfig(ctx: Context, app: string): Promise<void> {
  if (!isProxyEnabled(ctx, app)) return removeAppConfig(ctx, app, `Nginx support is disabled for app (${app})`);
  if (!(await servedByNginx(ctx, app))) return;
  if (!currentRelease(ctx, app)) return;
  const upstreams = await schedulerFor(ctx, app).webUpstreams(ctx, app);
  if (upstreams.length === 0) ctx.out.warn(`No web listeners specified for ${app}`);
  await applyAppConfig(ctx, app, upstreams);
}

/** `proxy:clear-config`, a disabled proxy: removes the app's config and reloads. */
export async function removeAppConfig(ctx: Context, app: string, reason?: string): Promise<void> {
  if (!existsSync(appConfigPath(ctx, app))) return;
  if (reason) ctx.out.step(reason);
  ctx.out.step("Deleting nginx.conf");
  reportOutcome(ctx, await changeAppConfig(ctx, app, undefined));
}

function atLeast(version: string, wanted: readonly number[]): boolean {
  const parts = version.split(".").map(Number);
  for (let at = 0; at < wanted.length; at++) {
    const have = parts[at] ?? 0;
    const want = wanted[at] ?? 0;
    if (have !== want) return have > want;
  }
  return true;
}
