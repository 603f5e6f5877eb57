import { isIP } from "node:net";

/** Where an app's web container listens, as seen from the host. */
export interface WebListener {
  readonly ip: string;
  readonly port: string;
}

/**
 * An app's URLs without a proxy: with global domains (`$DOKKU_ROOT/VHOST` lines), `http://<app>.<domain>`
 * (an IP is used as is, as Dokku gives apps no subdomain of an IP); without, the web containers'
 * own addresses `http://<ip>:<port>`, as Dokku's docker-local lists its listeners. Sorted, unique. Pure.
 */
export function appUrlsFrom(app: string, vhosts: readonly string[], listeners: readonly WebListener[]): string[] {
  const domains = vhosts.map((line) => line.trim()).filter((line) => line !== "");
  const urls =
    domains.length > 0
      ? domains.map((domain) => (isIP(domain) ? `http://${domain}` : `http://${app}.${domain}`))
      : listeners.filter((listener) => listener.ip !== "").map((listener) => `http://${listener.ip}:${listener.port}`);
  return [...new Set(urls)].sort();
}
