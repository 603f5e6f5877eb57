import type { PortMap } from "./port-map";

export interface ProxyUrlsInput {
  /** The app's domains; none: the global domains as they are, else the host name (Dokku's fallback). */
  readonly vhosts: readonly string[];
  readonly globalDomains: readonly string[];
  readonly hostname: string;
  readonly portMaps: readonly PortMap[];
  /** Whether the app has a certificate: https maps count only then. */
  readonly tls: boolean;
}

/** An app's URLs as Dokku's `urls` and `url` print them. */
export interface AppUrls {
  /** Every URL, unique and sorted (Dokku's `urls`). */
  readonly all: readonly string[];
  /** Dokku's `url`: the first URL of the default scheme (https with a certificate) in domain order (the VHOST file's), then port-map order; else the first URL. */
  readonly first: string | undefined;
}

/**
 * The URLs the proxy serves an app at, as Dokku's domains-urls: one per domain and port map,
 * `http://<domain>` on 80, `https://<domain>` on 443, else with `:<port>`. Pure.
 */
export function proxyUrls(input: ProxyUrlsInput): AppUrls {
  const domains =
    input.vhosts.length > 0 ? input.vhosts : input.globalDomains.length > 0 ? input.globalDomains : [input.hostname];
  const maps = input.portMaps.filter((map) => map.scheme === "http" || input.tls);
  const defaultScheme = input.tls ? "https" : "http";
  const generated = domains.flatMap((domain) =>
    maps.length > 0
      ? maps.map((map) => urlOf(map.scheme, domain, map.host))
      : [urlOf(defaultScheme, domain, input.tls ? 443 : 80)],
  );
  return {
    all: [...new Set(generated)].sort(),
    first: generated.find((url) => url.startsWith(`${defaultScheme}://`)) ?? generated[0],
  };
}

function urlOf(scheme: string, domain: string, port: number): string {
  if (port === 80 && scheme === "http") return `http://${domain}`;
  if (port === 443 && scheme === "https") return `https://${domain}`;
  return `${scheme}://${domain}:${port}`;
}
