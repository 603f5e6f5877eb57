import { isIPv6 } from "node:net";
import { uniquePortMaps, type PortMap } from "./port-map";
import { snippetDirectives, type ResolvedSnippets } from "./nginx-snippets";

/** The computed nginx settings of an app (see nginx-properties for their defaults). */
export interface NginxSettings {
  readonly accessLogPath: string;
  /** A `log_format` name defined in the http context; "" for nginx's default. */
  readonly accessLogFormat: string;
  readonly errorLogPath: string;
  /** "" listens on every IPv4 address. */
  readonly bindAddressIpv4: string;
  readonly bindAddressIpv6: string;
  readonly clientBodyTimeout: string;
  readonly clientHeaderTimeout: string;
  readonly clientMaxBodySize: string;
  readonly keepaliveTimeout: string;
  readonly lingeringTimeout: string;
  readonly sendTimeout: string;
  readonly proxyConnectTimeout: string;
  readonly proxyReadTimeout: string;
  readonly proxySendTimeout: string;
  readonly proxyBufferSize: string;
  readonly proxyBuffering: string;
  readonly proxyBuffers: string;
  readonly proxyBusyBuffersSize: string;
  /** Idle connections kept open to each upstream; "" keeps none. */
  readonly proxyKeepalive: string;
  readonly underscoreInHeaders: string;
  readonly xForwardedFor: string;
  readonly xForwardedPort: string;
  readonly xForwardedProto: string;
  /** "" sends no X-Forwarded-Ssl header. */
  readonly xForwardedSsl: string;
  readonly hsts: boolean;
  readonly hstsIncludeSubdomains: boolean;
  readonly hstsMaxAge: string;
  readonly hstsPreload: boolean;
}

export interface NginxConfigInput {
  readonly app: string;
  /** `$DOKKU_ROOT`: each server block includes `<root>/<app>/nginx.conf.d/*.conf`, as Dokku's. */
  readonly dokkuRoot: string;
  /** The app's enabled domains; none: server blocks without server_name, as Dokku renders them. */
  readonly vhosts: readonly string[];
  readonly portMaps: readonly PortMap[];
  /** Where the app's web containers answer; each is reached on the mapped container port. */
  readonly upstreams: readonly { readonly address: string }[];
  readonly tls?: { readonly crtPath: string; readonly keyPath: string };
  readonly settings: NginxSettings;
  /** nginx >= 1.25.1 takes `http2 on;`; older ones `listen ... ssl http2`. */
  readonly http2Directive: boolean;
  /** What plugins add to the proxying server blocks (nginx-snippet), not to http->https redirects. */
  readonly snippets?: ResolvedSnippets;
}

const GZIP_TYPES =
  "text/css text/javascript text/xml text/plain text/x-component application/javascript application/x-javascript application/wasm application/json application/xml application/rss+xml font/truetype application/x-font-ttf font/opentype application/vnd.ms-fontobject image/svg+xml";

/**
 * The app's nginx config, after Dokku's nginx.conf.sigil: a server block per port map (https
 * maps only with a certificate; with one, http:80 redirects to https), a `<app>-<port>` upstream
 * per mapped container port listing every web container, `return 502` when none runs. Pure.
 */
export function renderNginxConfig(input: NginxConfigInput): string {
  // one server block per scheme and host port: a repeated mapping would make nginx refuse duplicate listens
  const maps = uniquePortMaps(input.portMaps).filter((map) => map.scheme === "http" || input.tls !== undefined);
  const httpsPort = maps.find((map) => map.scheme === "https")?.host;
  const blocks = maps.map((map) =>
    serverBlock(
      input,
      map,
      map.scheme === "http" && map.host === 80 && httpsPort !== undefined ? httpsPort : undefined,
    ),
  );
  if (input.upstreams.length > 0) {
    for (const port of [...new Set(maps.map((map) => map.container))]) blocks.push(upstreamBlock(input, port));
  }
  return blocks.length === 0 ? "" : `${blocks.join("\n\n")}\n`;
}

function serverBlock(input: NginxConfigInput, map: PortMap, redirectToPort: number | undefined): string {
  const { settings } = input;
  const ssl = map.scheme === "https";
  const listenFlags = ssl ? (input.http2Directive ? " ssl" : " ssl http2") : "";
  const lines = [
    "server {",
    `  listen      [${settings.bindAddressIpv6}]:${map.host}${listenFlags};`,
    `  listen      ${settings.bindAddressIpv4 ? `${settings.bindAddressIpv4}:` : ""}${map.host}${listenFlags};`,
  ];
  if (ssl && input.http2Directive) lines.push("  http2 on;");
  if (input.vhosts.length > 0) lines.push(`  server_name ${input.vhosts.join(" ")};`);
  const format = settings.accessLogFormat && settings.accessLogPath !== "off" ? ` ${settings.accessLogFormat}` : "";
  lines.push(
    `  access_log  ${settings.accessLogPath}${format};`,
    `  error_log   ${settings.errorLogPath};`,
    `  underscores_in_headers ${settings.underscoreInHeaders};`,
    "",
    `  client_body_timeout ${settings.clientBodyTimeout};`,
    `  client_header_timeout ${settings.clientHeaderTimeout};`,
    `  keepalive_timeout ${settings.keepaliveTimeout};`,
    `  lingering_timeout ${settings.lingeringTimeout};`,
    `  send_timeout ${settings.sendTimeout};`,
  );
  if (ssl && input.tls) {
    lines.push(
      "",
      `  ssl_certificate           ${input.tls.crtPath};`,
      `  ssl_certificate_key       ${input.tls.keyPath};`,
      "  ssl_protocols             TLSv1.2 TLSv1.3;",
      "  ssl_prefer_server_ciphers off;",
    );
    if (settings.hsts) lines.push(`  add_header Strict-Transport-Security "${hstsValue(settings)}" always;`);
  }
  if (redirectToPort === undefined) lines.push(...snippetDirectives(input.snippets));
  lines.push("");
  if (redirectToPort !== undefined) {
    const port = redirectToPort === 443 ? "" : `:${redirectToPort}`;
    lines.push("  location / {", `    return 301 https://$host${port}$request_uri;`, "  }");
  } else {
    lines.push(
      "  location / {",
      ...locationBody(input, map),
      "  }",
      "",
      `  client_max_body_size ${settings.clientMaxBodySize};`,
    );
  }
  lines.push(`  include ${input.dokkuRoot}/${input.app}/nginx.conf.d/*.conf;`, "}");
  return lines.join("\n");
}

function locationBody(input: NginxConfigInput, map: PortMap): string[] {
  if (input.upstreams.length === 0) return ["    return 502;"];
  const { settings } = input;
  const lines = [
    "    gzip on;",
    "    gzip_min_length  1100;",
    "    gzip_buffers  4 32k;",
    `    gzip_types    ${GZIP_TYPES};`,
    "    gzip_vary on;",
    "    gzip_comp_level  6;",
    "",
    `    proxy_pass  http://${upstreamName(input.app, map.container)};`,
    "    proxy_http_version 1.1;",
    `    proxy_connect_timeout ${settings.proxyConnectTimeout};`,
    `    proxy_read_timeout ${settings.proxyReadTimeout};`,
    `    proxy_send_timeout ${settings.proxySendTimeout};`,
    `    proxy_buffer_size ${settings.proxyBufferSize};`,
    `    proxy_buffering ${settings.proxyBuffering};`,
    `    proxy_buffers ${settings.proxyBuffers};`,
    `    proxy_busy_buffers_size ${settings.proxyBusyBuffersSize};`,
    "    proxy_set_header Upgrade $http_upgrade;",
    "    proxy_set_header Connection $http_connection;",
    "    proxy_set_header Host $http_host;",
    `    proxy_set_header X-Forwarded-For ${settings.xForwardedFor};`,
    `    proxy_set_header X-Forwarded-Port ${settings.xForwardedPort};`,
    `    proxy_set_header X-Forwarded-Proto ${settings.xForwardedProto};`,
    "    proxy_set_header X-Request-Start $msec;",
  ];
  if (settings.xForwardedSsl) lines.push(`    proxy_set_header X-Forwarded-Ssl ${settings.xForwardedSsl};`);
  return lines;
}

function upstreamBlock(input: NginxConfigInput, port: number): string {
  const lines = [`upstream ${upstreamName(input.app, port)} {`];
  if (input.settings.proxyKeepalive) lines.push(`  keepalive ${input.settings.proxyKeepalive};`);
  for (const { address } of input.upstreams)
    lines.push(`  server ${isIPv6(address) ? `[${address}]` : address}:${port};`);
  lines.push("}");
  return lines.join("\n");
}

export function upstreamName(app: string, port: number): string {
  return `${app}-${port}`;
}

/** `max-age=N; includeSubdomains; preload`, as Dokku's hsts.conf. Pure. */
export function hstsValue(
  settings: Pick<NginxSettings, "hstsMaxAge" | "hstsIncludeSubdomains" | "hstsPreload">,
): string {
  const parts = [`max-age=${settings.hstsMaxAge}`];
  if (settings.hstsIncludeSubdomains) parts.push("includeSubdomains");
  if (settings.hstsPreload) parts.push("preload");
  return parts.join("; ");
}
