import { describe, expect, test } from "bun:test";
import { hstsValue, renderNginxConfig, type NginxConfigInput } from "../../src/builders/nginx-config";
import { nginxDefaults, nginxSettingsFrom } from "../../src/builders/nginx-properties";
import { resolveSnippets } from "../../src/builders/nginx-snippets";

const DEFAULTS = nginxSettingsFrom(nginxDefaults("shop", "/var/log/nginx"));
const TLS = { crtPath: "/home/dokku/shop/tls/server.crt", keyPath: "/home/dokku/shop/tls/server.key" };
const WEB = { scheme: "http", host: 80, container: 5000 } as const;
const SSL = { scheme: "https", host: 443, container: 5000 } as const;

function input(overrides: Partial<NginxConfigInput>): NginxConfigInput {
  return {
    app: "shop",
    dokkuRoot: "/home/dokku",
    vhosts: [],
    portMaps: [WEB],
    upstreams: [{ address: "172.17.0.2" }],
    settings: DEFAULTS,
    http2Directive: false,
    ...overrides,
  };
}

/** The lines every server block has after its listen and server_name lines, with the defaults. */
const LOGS_AND_TIMEOUTS = `  access_log  /var/log/nginx/shop-access.log;
  error_log   /var/log/nginx/shop-error.log;
  underscores_in_headers off;

  client_body_timeout 60s;
  client_header_timeout 60s;
  keepalive_timeout 75s;
  lingering_timeout 5s;
  send_timeout 60s;
`;

const GZIP = `    gzip on;
    gzip_min_length  1100;
    gzip_buffers  4 32k;
    gzip_types    text/css text/javascript text/xml text/plain text/x-component application/javascript application/x-javascript application/wasm application/json application/xml application/rss+xml font/truetype application/x-font-ttf font/opentype application/vnd.ms-fontobject image/svg+xml;
    gzip_vary on;
    gzip_comp_level  6;
`;

/** The proxied location to `upstream` with the default settings. */
function proxied(upstream: string): string {
  return `  location / {
${GZIP}
    proxy_pass  http://${upstream};
    proxy_http_version 1.1;
    proxy_connect_timeout 60s;
    proxy_read_timeout 60s;
    proxy_send_timeout 60s;
    proxy_buffer_size 4k;
    proxy_buffering on;
    proxy_buffers 8 4k;
    proxy_busy_buffers_size 8k;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection $http_connection;
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_set_header X-Forwarded-Port $server_port;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Request-Start $msec;
  }

  client_max_body_size 1m;
  include /home/dokku/shop/nginx.conf.d/*.conf;
}`;
}

const TLS_LINES = `
  ssl_certificate           /home/dokku/shop/tls/server.crt;
  ssl_certificate_key       /home/dokku/shop/tls/server.key;
  ssl_protocols             TLSv1.2 TLSv1.3;
  ssl_prefer_server_ciphers off;
`;

describe("renderNginxConfig", () => {
  test("renders one server block and one upstream for one web container without domains (no server_name, as Dokku)", () => {
    expect(renderNginxConfig(input({}))).toBe(`server {
  listen      [::]:80;
  listen      80;
${LOGS_AND_TIMEOUTS}
${proxied("shop-5000")}

upstream shop-5000 {
  keepalive 32;
  server 172.17.0.2:5000;
}
`);
  });

  test("lists every container in an upstream per mapped container port, with the custom domains as server_name", () => {
    const config = renderNginxConfig(
      input({
        vhosts: ["shop.example.com", "www.shop.test"],
        portMaps: [WEB, { scheme: "http", host: 8080, container: 3000 }],
        upstreams: [{ address: "172.17.0.2" }, { address: "172.17.0.3" }, { address: "fd00::5" }],
      }),
    );
    expect(config).toBe(`server {
  listen      [::]:80;
  listen      80;
  server_name shop.example.com www.shop.test;
${LOGS_AND_TIMEOUTS}
${proxied("shop-5000")}

server {
  listen      [::]:8080;
  listen      8080;
  server_name shop.example.com www.shop.test;
${LOGS_AND_TIMEOUTS}
${proxied("shop-3000")}

upstream shop-5000 {
  keepalive 32;
  server 172.17.0.2:5000;
  server 172.17.0.3:5000;
  server [fd00::5]:5000;
}

upstream shop-3000 {
  keepalive 32;
  server 172.17.0.2:3000;
  server 172.17.0.3:3000;
  server [fd00::5]:3000;
}
`);
  });

  test("answers 502 and declares no upstream when no container runs", () => {
    expect(renderNginxConfig(input({ upstreams: [], vhosts: ["shop.example.com"] }))).toBe(`server {
  listen      [::]:80;
  listen      80;
  server_name shop.example.com;
${LOGS_AND_TIMEOUTS}
  location / {
    return 502;
  }

  client_max_body_size 1m;
  include /home/dokku/shop/nginx.conf.d/*.conf;
}
`);
  });

  test("ignores an https mapping when the app has no certificate", () => {
    expect(renderNginxConfig(input({ portMaps: [WEB, SSL] }))).toBe(renderNginxConfig(input({ portMaps: [WEB] })));
  });

  test("serves https with the certificate and HSTS, and redirects http:80 to it with a 301", () => {
    expect(renderNginxConfig(input({ vhosts: ["shop.example.com"], portMaps: [WEB, SSL], tls: TLS }))).toBe(`server {
  listen      [::]:80;
  listen      80;
  server_name shop.example.com;
${LOGS_AND_TIMEOUTS}
  location / {
    return 301 https://$host$request_uri;
  }
  include /home/dokku/shop/nginx.conf.d/*.conf;
}

server {
  listen      [::]:443 ssl http2;
  listen      443 ssl http2;
  server_name shop.example.com;
${LOGS_AND_TIMEOUTS}${TLS_LINES}  add_header Strict-Transport-Security "max-age=15724800; includeSubdomains" always;

${proxied("shop-5000")}

upstream shop-5000 {
  keepalive 32;
  server 172.17.0.2:5000;
}
`);
  });

  test("uses 'http2 on' on newer nginx, redirects to a non-443 https port with the port, proxies other http ports, and leaves HSTS out when disabled", () => {
    const config = renderNginxConfig(
      input({
        portMaps: [
          WEB,
          { scheme: "http", host: 8080, container: 5000 },
          { scheme: "https", host: 8443, container: 5000 },
        ],
        tls: TLS,
        http2Directive: true,
        upstreams: [],
        settings: { ...DEFAULTS, hsts: false },
      }),
    );
    expect(config).toBe(`server {
  listen      [::]:80;
  listen      80;
${LOGS_AND_TIMEOUTS}
  location / {
    return 301 https://$host:8443$request_uri;
  }
  include /home/dokku/shop/nginx.conf.d/*.conf;
}

server {
  listen      [::]:8080;
  listen      8080;
${LOGS_AND_TIMEOUTS}
  location / {
    return 502;
  }

  client_max_body_size 1m;
  include /home/dokku/shop/nginx.conf.d/*.conf;
}

server {
  listen      [::]:8443 ssl;
  listen      8443 ssl;
  http2 on;
${LOGS_AND_TIMEOUTS}${TLS_LINES}
  location / {
    return 502;
  }

  client_max_body_size 1m;
  include /home/dokku/shop/nginx.conf.d/*.conf;
}
`);
  });

  test("applies the settings: bind addresses, log format and paths, timeouts, buffers, forwarded headers, body size, no keepalive", () => {
    const settings = {
      ...DEFAULTS,
      ...{
        bindAddressIpv4: "127.0.0.1",
        bindAddressIpv6: "::1",
        accessLogPath: "/srv/logs/shop.log",
        accessLogFormat: "combined",
      },
      ...{
        errorLogPath: "/srv/logs/shop-error.log",
        underscoreInHeaders: "on",
        clientBodyTimeout: "10s",
        clientHeaderTimeout: "11s",
      },
      ...{
        keepaliveTimeout: "12s",
        lingeringTimeout: "13s",
        sendTimeout: "14s",
        proxyConnectTimeout: "2s",
        proxyReadTimeout: "120s",
      },
      ...{
        proxySendTimeout: "3m",
        proxyBufferSize: "16k",
        proxyBuffering: "off",
        proxyBuffers: "4 16k",
        proxyBusyBuffersSize: "32k",
      },
      ...{
        proxyKeepalive: "",
        xForwardedFor: "$proxy_add_x_forwarded_for",
        xForwardedPort: "443",
        xForwardedProto: "https",
      },
      ...{ xForwardedSsl: "on", clientMaxBodySize: "50m" },
    };
    expect(renderNginxConfig(input({ settings }))).toBe(`server {
  listen      [::1]:80;
  listen      127.0.0.1:80;
  access_log  /srv/logs/shop.log combined;
  error_log   /srv/logs/shop-error.log;
  underscores_in_headers on;

  client_body_timeout 10s;
  client_header_timeout 11s;
  keepalive_timeout 12s;
  lingering_timeout 13s;
  send_timeout 14s;

  location / {
${GZIP}
    proxy_pass  http://shop-5000;
    proxy_http_version 1.1;
    proxy_connect_timeout 2s;
    proxy_read_timeout 120s;
    proxy_send_timeout 3m;
    proxy_buffer_size 16k;
    proxy_buffering off;
    proxy_buffers 4 16k;
    proxy_busy_buffers_size 32k;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection $http_connection;
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Port 443;
    proxy_set_header X-Forwarded-Proto https;
    proxy_set_header X-Request-Start $msec;
    proxy_set_header X-Forwarded-Ssl on;
  }

  client_max_body_size 50m;
  include /home/dokku/shop/nginx.conf.d/*.conf;
}

upstream shop-5000 {
  server 172.17.0.2:5000;
}
`);
  });

  test("drops the log format when the access log is off", () => {
    const config = renderNginxConfig(
      input({ upstreams: [], settings: { ...DEFAULTS, accessLogPath: "off", accessLogFormat: "combined" } }),
    );
    expect(config.split("\n").filter((line) => line.includes("access_log"))).toEqual(["  access_log  off;"]);
  });

  test("puts plugins' snippets in the proxying server blocks, before the location, and not in the http->https redirect", () => {
    const snippets = resolveSnippets(
      [{ type: "header", name: "X-Robots-Tag", value: "noindex" }],
      "/home/dokku/shop/nginx-snippets",
    );
    const config = renderNginxConfig(input({ portMaps: [WEB, SSL], tls: TLS, snippets }));
    const [redirect, proxying] = config.split(/\n(?=server \{)/).map((block) => block.split("\n}\n")[0] ?? "");
    expect(redirect).not.toContain("X-Robots-Tag");
    expect(redirect).toContain("return 301 https://$host$request_uri;");
    const lines = (proxying ?? "").split("\n");
    const header = lines.indexOf('  add_header X-Robots-Tag "noindex" always;');
    expect(header).toBeGreaterThan(lines.findIndex((line) => line.startsWith("  ssl_certificate ")));
    expect(header).toBeLessThan(lines.indexOf("  location / {"));
    expect(renderNginxConfig(input({ snippets: resolveSnippets([], "/x") }))).toBe(renderNginxConfig(input({})));
  });

  test("renders a repeated mapping once, and nothing without mappings", () => {
    expect({
      repeated: renderNginxConfig(input({ portMaps: [WEB, WEB] })),
      none: renderNginxConfig(input({ portMaps: [] })),
    }).toEqual({
      repeated: renderNginxConfig(input({ portMaps: [WEB] })),
      none: "",
    });
  });
});

describe("hstsValue", () => {
  test("adds includeSubdomains and preload when enabled", () => {
    expect([
      hstsValue({ hstsMaxAge: "100", hstsIncludeSubdomains: false, hstsPreload: false }),
      hstsValue({ hstsMaxAge: "100", hstsIncludeSubdomains: true, hstsPreload: true }),
    ]).toEqual(["max-age=100", "max-age=100; includeSubdomains; preload"]);
  });
});
