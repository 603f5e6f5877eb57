import { describe, expect, test } from "bun:test";
import { maxSizeProblem } from "../../../src/plugins/properties-only/logs";
import { PROPERTIES_ONLY } from "../../../src/plugins/properties-only/namespaces";
import {
  findProperty,
  keyProblem,
  MAX_PROPERTY_VALUE,
  onlyPropertiesReport,
  valueProblem,
} from "../../../src/plugins/properties-only/spec";
import { GLOBAL } from "../../../src/store/property-store";

const ns = (name: string) => {
  const found = PROPERTIES_ONLY[name];
  if (!found) throw new Error(name);
  return found;
};

describe("properties-only report (issue 14)", () => {
  test("caddy's app report has Dokku's keys, defaults and an upper-cased log level", () => {
    expect(
      onlyPropertiesReport(ns("caddy"), "web", { "tls-internal": "true" }, { "log-level": "debug" }, false),
    ).toEqual({
      type: "caddy",
      target: "web",
      legacyKeys: false,
      entries: {
        "--caddy-computed-image": "lucaslorentz/caddy-docker-proxy:2.13",
        "--caddy-computed-letsencrypt-email": "",
        "--caddy-computed-letsencrypt-server": "https://acme-v02.api.letsencrypt.org/directory",
        "--caddy-computed-log-level": "DEBUG",
        "--caddy-computed-polling-interval": "5s",
        "--caddy-computed-tls-internal": "true",
        "--caddy-global-image": "",
        "--caddy-global-letsencrypt-email": "",
        "--caddy-global-letsencrypt-server": "",
        "--caddy-global-log-level": "debug",
        "--caddy-global-polling-interval": "",
        "--caddy-global-tls-internal": "",
        "--caddy-tls-internal": "true",
      },
    });
  });

  test("the --global report has no app entries; an app value never reaches a global-only property", () => {
    const report = onlyPropertiesReport(ns("logs"), GLOBAL, {}, { "vector-image": "v:1" }, false);
    expect(Object.keys(report.entries).sort()).toEqual([
      "--logs-computed-app-label-alias",
      "--logs-computed-max-size",
      "--logs-computed-vector-cron-sink",
      "--logs-computed-vector-image",
      "--logs-computed-vector-networks",
      "--logs-computed-vector-sink",
      "--logs-global-app-label-alias",
      "--logs-global-max-size",
      "--logs-global-vector-cron-sink",
      "--logs-global-vector-image",
      "--logs-global-vector-networks",
      "--logs-global-vector-sink",
    ]);
    const app = onlyPropertiesReport(ns("haproxy"), "web", { image: "mine" }, {}, false);
    expect(app.entries["--haproxy-computed-image"]).toBe("byjg/easy-haproxy:6.1.1");
  });

  test("openresty computes per-app log paths, base64 of its Lua function, page-sized buffers", () => {
    const { entries } = onlyPropertiesReport(ns("openresty"), "web", {}, {}, false);
    expect({
      access: entries["--openresty-computed-access-log-path"],
      error: entries["--openresty-computed-error-log-path"],
      func: entries["--openresty-computed-allowed-letsencrypt-domains-func-base64"],
      funcApp: entries["--openresty-allowed-letsencrypt-domains-func-base64"],
      buffers: entries["--openresty-computed-proxy-buffers"],
      hsts: entries["--openresty-computed-hsts"],
      count: Object.keys(entries).length,
    }).toEqual({
      access: "/var/log/nginx/web-access.log",
      error: "/var/log/nginx/web-error.log",
      func: "cmV0dXJuIHRydWU=",
      funcApp: undefined,
      buffers: "8 4k",
      hsts: "true",
      // 27 per-app properties with three entries, 5 global-only with two
      count: 27 * 3 + 5 * 2,
    });
  });

  test("credentials are masked or redacted on stdout and shown as stored when revealed", () => {
    const global = { "basic-auth-password": "s3cret", "dns-provider-CF_API_KEY": "abc" };
    const hidden = onlyPropertiesReport(ns("traefik"), GLOBAL, {}, global, false).entries;
    const shown = onlyPropertiesReport(ns("traefik"), GLOBAL, {}, global, true).entries;
    const sink = onlyPropertiesReport(ns("logs"), "web", { "vector-sink": "datadog-logs://?api_key=k" }, {}, false);
    const k3s = onlyPropertiesReport(ns("scheduler-k3s"), GLOBAL, {}, { token: "t0k" }, false).entries;
    const k3sApp = onlyPropertiesReport(ns("scheduler-k3s"), "web", {}, { token: "t0k" }, false).entries;
    expect({
      password: [hidden["--traefik-global-basic-auth-password"], shown["--traefik-computed-basic-auth-password"]],
      dns: [hidden["--traefik-global-dns-provider-CF_API_KEY"], shown["--traefik-global-dns-provider-CF_API_KEY"]],
      sink: [sink.entries["--logs-vector-sink"], sink.entries["--logs-computed-vector-sink"]],
      token: [k3s["--scheduler-k3s-global-token"], k3sApp["--scheduler-k3s-global-token"]],
      sysctls: k3sApp["--scheduler-k3s-global-node-sysctls-image"],
    }).toEqual({
      password: ["*******", "s3cret"],
      dns: ["*******", "abc"],
      sink: ["datadog_logs://redacted", "datadog_logs://redacted"],
      token: ["*******", undefined],
      sysctls: "busybox:1.36",
    });
  });
});

describe("properties-only set checks (issue 14)", () => {
  test("the shell proxies refuse in Dokku's key wording, the Go plugins in its property wording", () => {
    expect([
      keyProblem(ns("caddy"), "web", ""),
      keyProblem(ns("caddy"), "web", "colour"),
      keyProblem(ns("caddy"), "web", "image"),
      keyProblem(ns("caddy"), "web", "tls-internal"),
      keyProblem(ns("traefik"), "web", "dns-provider-CF_API_KEY"),
      keyProblem(ns("traefik"), GLOBAL, "dns-provider-CF_API_KEY"),
      keyProblem(ns("traefik"), GLOBAL, "dns-provider-bad key"),
      keyProblem(ns("logs"), "web", ""),
      keyProblem(ns("logs"), "web", "invalid"),
      keyProblem(ns("logs"), "web", "vector-image"),
      keyProblem(ns("scheduler-k3s"), "web", "token"),
    ]).toEqual([
      "No key specified",
      "Invalid key specified, valid keys include: image letsencrypt-email letsencrypt-server log-level polling-interval tls-internal",
      "The key 'image' can only be set globally",
      undefined,
      "The key 'dns-provider-CF_API_KEY' can only be set globally",
      undefined,
      "Invalid key specified, valid keys include: api-enabled api-entry-point api-entry-point-address api-vhost challenge-mode dashboard-enabled basic-auth-username basic-auth-password dns-provider dns-provider-<ENV_VAR> image letsencrypt-email letsencrypt-server log-level http-entry-point https-entry-point",
      "No property specified",
      "Invalid property specified, valid properties include: app-label-alias, max-size, vector-cron-sink, vector-image, vector-networks, vector-sink",
      "vector-image may only be set globally with --global",
      "Property can only be specified globally",
    ]);
  });

  test("values are bounded, free of control characters, and checked as Dokku checks them", () => {
    const caddyImage = findProperty(ns("caddy"), "image");
    const sink = findProperty(ns("logs"), "vector-sink");
    const networks = findProperty(ns("logs"), "vector-networks");
    const kind = findProperty(ns("scheduler-k3s"), "cert-issuer-kind");
    if (!caddyImage || !sink || !networks || !kind) throw new Error("missing property");
    expect([
      valueProblem(caddyImage, "x".repeat(MAX_PROPERTY_VALUE)),
      valueProblem(caddyImage, "x".repeat(MAX_PROPERTY_VALUE + 1)),
      valueProblem(caddyImage, "a\nb"),
      valueProblem(sink, "console://?encoding[codec]=json"),
      valueProblem(sink, "no scheme"),
      valueProblem(sink, "http://?sinks=a"),
      valueProblem(networks, "a,,b"),
      valueProblem(networks, "bridge"),
      valueProblem(kind, "Issuer"),
      kind.normalize?.("clusterISSUER"),
      valueProblem(kind, "Other"),
    ]).toEqual([
      undefined,
      `Invalid value for image: longer than ${MAX_PROPERTY_VALUE} characters`,
      "Invalid value for image: control characters are not allowed",
      undefined,
      "Invalid vector sink no scheme: expected <type>://[?<options>]",
      "Invalid option sinks",
      "Invalid vector-networks value, empty entry in comma-separated list",
      'Invalid vector-networks value, "bridge" is not a valid entry for vector-networks',
      undefined,
      "ClusterIssuer",
      "Invalid cert-issuer-kind: Other, valid values are Issuer and ClusterIssuer",
    ]);
  });

  test("max-size is unlimited or a number with k, m or g, as Dokku's validateMaxSize", () => {
    expect(["unlimited", "10m", "1g", "m", "10", "x5k", "5q"].map(maxSizeProblem)).toEqual([
      undefined,
      undefined,
      undefined,
      "Invalid max-size value, must be a number followed by a unit of measure [k, m, g]",
      "Invalid max-size unit measure, value must end in any of [k, m, g]",
      "Invalid max-size value, unable to convert number to int: x5",
      "Invalid max-size unit measure, value must end in any of [k, m, g]",
    ]);
  });
});
