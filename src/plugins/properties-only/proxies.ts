import type { OnlyProperty, PropertiesOnlyNamespace } from "./spec";
import { masked } from "./spec";

/**
 * Dokku's other proxy implementations (caddy, haproxy, openresty, traefik): this host routes
 * with nginx, so their `:set`/`:report` keep and show Dokku's properties (an operator's scripts
 * carry over) and setting one warns that it has no effect here. Defaults are Dokku's (images
 * from the FROM line of its plugins' Dockerfiles).
 */
const LETSENCRYPT_SERVER = "https://acme-v02.api.letsencrypt.org/directory";
const upper = (value: string) => value.toUpperCase();
const global = (name: string, fallback = "", extra: Partial<OnlyProperty> = {}): OnlyProperty => ({
  name,
  app: false,
  fallback,
  ...extra,
});
const perApp = (name: string, fallback: OnlyProperty["fallback"] = ""): OnlyProperty => ({ name, app: true, fallback });

function proxy(
  name: "caddy" | "haproxy" | "openresty" | "traefik",
  properties: readonly OnlyProperty[],
  extra: Partial<PropertiesOnlyNamespace> = {},
): PropertiesOnlyNamespace {
  return {
    name,
    description: `Manage the ${name} proxy integration (properties only: this host routes with nginx)`,
    setDescription: `Set or clear an ${name} property for an app or globally`,
    reportDescription: `Displays an ${name} report for one or more apps`,
    properties,
    wording: "key",
    legacyKeys: false,
    noEffect: `this host runs no ${name} proxy (it routes with nginx)`,
    ...extra,
  };
}

export const caddyNamespace = proxy("caddy", [
  global("image", "lucaslorentz/caddy-docker-proxy:2.13"),
  global("letsencrypt-email"),
  global("letsencrypt-server", LETSENCRYPT_SERVER),
  global("log-level", "ERROR", { shape: upper }),
  global("polling-interval", "5s"),
  perApp("tls-internal", "false"),
]);

export const haproxyNamespace = proxy("haproxy", [
  global("image", "byjg/easy-haproxy:6.1.1"),
  global("log-level", "ERROR", { shape: upper }),
  global("letsencrypt-email"),
  global("letsencrypt-server", LETSENCRYPT_SERVER),
  global("refresh-conf", "10"),
]);

/** Dokku sizes openresty's proxy buffers from the host's page size (4k on x86-64 and arm64 Linux). */
const PAGE_KB = 4;
const LOG_ROOT = "/var/log/nginx";

export const openrestyNamespace = proxy("openresty", [
  perApp("access-log-format"),
  perApp("access-log-path", (target) => `${LOG_ROOT}/${target}-access.log`),
  global("allowed-letsencrypt-domains-func-base64", "return true", {
    shape: (value) => Buffer.from(value).toString("base64"),
  }),
  perApp("bind-address-ipv4"),
  perApp("bind-address-ipv6", "::"),
  perApp("client-body-timeout", "60s"),
  perApp("client-header-timeout", "60s"),
  perApp("client-max-body-size", "1m"),
  perApp("error-log-path", (target) => `${LOG_ROOT}/${target}-error.log`),
  perApp("hsts", "true"),
  perApp("hsts-include-subdomains", "true"),
  perApp("hsts-preload", "false"),
  perApp("hsts-max-age", "15724800"),
  global("image", "dokku/openresty-docker-proxy:0.12.1"),
  perApp("keepalive-timeout", "75s"),
  global("log-level", "ERROR"),
  global("letsencrypt-email"),
  global("letsencrypt-server", LETSENCRYPT_SERVER),
  perApp("lingering-timeout", "5s"),
  perApp("proxy-buffer-size", `${PAGE_KB}k`),
  perApp("proxy-buffering", "on"),
  perApp("proxy-buffers", `8 ${PAGE_KB}k`),
  perApp("proxy-busy-buffers-size", `${PAGE_KB * 2}k`),
  perApp("proxy-connect-timeout", "60s"),
  perApp("proxy-read-timeout", "60s"),
  perApp("send-timeout", "60s"),
  perApp("proxy-send-timeout", "60s"),
  perApp("underscore-in-headers", "off"),
  perApp("x-forwarded-for-value", "$remote_addr"),
  perApp("x-forwarded-port-value", "$server_port"),
  perApp("x-forwarded-proto-value", "$scheme"),
  perApp("x-forwarded-ssl"),
]);

export const traefikNamespace = proxy(
  "traefik",
  [
    global("api-enabled", "false"),
    global("api-entry-point"),
    global("api-entry-point-address"),
    global("api-vhost", "traefik.dokku.me"),
    global("challenge-mode", "tls"),
    global("dashboard-enabled", "false"),
    global("basic-auth-username"),
    global("basic-auth-password", "", { hide: masked }),
    global("dns-provider"),
    global("image", "traefik:v3.7.10"),
    global("letsencrypt-email"),
    global("letsencrypt-server", LETSENCRYPT_SERVER),
    global("log-level", "ERROR", { shape: upper }),
    global("http-entry-point", "http"),
    global("https-entry-point", "https"),
  ],
  { prefixed: { prefix: "dns-provider-", pattern: /^dns-provider-[A-Za-z_][A-Za-z0-9_]*$/, listed: "dns-provider" } },
);
