import type { Context } from "../../core/context";

/**
 * After a certificate is added (Dokku's post-certs-update, then post-domains-update): configured
 * `http:80` port maps gain their `https:443` twin, then the app's nginx config is built again so
 * it serves https and redirects http. rebuildProxyConfig skips an app that never deployed, is
 * stopped, has no running web container, has its proxy disabled or is served by another proxy.
 */
export async function proxyAfterCertificateAdded(ctx: Context, app: string): Promise<void> {
  await (await import("../ports/tls-port-maps")).addTlsPortMaps(ctx, app);
  await rebuild(ctx, app);
}

/** After a certificate is removed (post-certs-remove, post-domains-update): https:443 maps go, http only again. */
export async function proxyAfterCertificateRemoved(ctx: Context, app: string): Promise<void> {
  await (await import("../ports/tls-port-maps")).removeTlsPortMaps(ctx, app);
  await rebuild(ctx, app);
}

/**
 * After certs:generate: the https port maps, then `domains:add` of the certificate's domain,
 * which rebuilds the config itself. A refused domain is only a warning (Dokku's `domains-add ||
 * post-domains-update`).
 */
export async function proxyAfterCertificateGenerated(ctx: Context, app: string, domain: string): Promise<void> {
  await (await import("../ports/tls-port-maps")).addTlsPortMaps(ctx, app);
  try {
    await (await import("../domains/app-domains")).addAppDomains(ctx, app, [domain]);
  } catch (error) {
    ctx.out.warn(error instanceof Error ? error.message : String(error));
    await rebuild(ctx, app);
  }
}

async function rebuild(ctx: Context, app: string): Promise<void> {
  await (await import("../domains/rebuild-proxy")).rebuildProxyConfig(ctx, app);
}
