import { describe, expect, test } from "bun:test";
import {
  NGINX_PROPERTIES,
  nginxDefaults,
  nginxSettingsFrom,
  nginxValueProblem,
  type NginxProperty,
} from "../../src/builders/nginx-properties";

describe("nginxValueProblem", () => {
  test("accepts the values nginx takes for each kind of property", () => {
    const good: [NginxProperty, string][] = [
      ["client-max-body-size", "50m"],
      ["client-max-body-size", "0"],
      ["proxy-read-timeout", "120s"],
      ["proxy-connect-timeout", "500ms"],
      ["proxy-buffers", "8 16k"],
      ["proxy-buffering", "off"],
      ["hsts", "false"],
      ["hsts-max-age", "31536000"],
      ["proxy-keepalive", "0"],
      ["bind-address-ipv4", "127.0.0.1"],
      ["bind-address-ipv6", "::1"],
      ["access-log-path", "off"],
      ["access-log-path", "/var/log/nginx/shop.log"],
      ["error-log-path", "/dev/null"],
      ["access-log-format", "json_combined"],
      ["x-forwarded-for-value", "$http_x_forwarded_for"],
      ["x-forwarded-proto-value", "https"],
      ["x-forwarded-ssl", "on"],
    ];
    expect(good.map(([key, value]) => nginxValueProblem(key, value))).toEqual(good.map(() => undefined));
  });

  test("refuses values that are not valid nginx or would inject directives, naming what is expected", () => {
    const bad: [NginxProperty, string][] = [
      ["client-max-body-size", "1m; include /etc/shadow"],
      ["client-max-body-size", "big"],
      ["proxy-read-timeout", "60 s"],
      ["proxy-buffers", "8"],
      ["proxy-buffering", "yes"],
      ["hsts", "1"],
      ["hsts-max-age", "-1"],
      ["proxy-keepalive", "ten"],
      ["bind-address-ipv4", "::1"],
      ["bind-address-ipv6", "localhost"],
      ["access-log-path", "relative.log"],
      ["error-log-path", "off"],
      ["error-log-path", "/var/log/a b.log"],
      ["access-log-format", "main;"],
      ["x-forwarded-for-value", "$remote_addr }"],
      ["x-forwarded-ssl", '"on"'],
    ];
    expect(bad.map(([key, value]) => nginxValueProblem(key, value))).toEqual([
      "Invalid value for client-max-body-size: must be a size such as 1m (k, m or g)",
      "Invalid value for client-max-body-size: must be a size such as 1m (k, m or g)",
      "Invalid value for proxy-read-timeout: must be a time such as 60s",
      "Invalid value for proxy-buffers: must be a count and a size such as '8 4k'",
      "Invalid value for proxy-buffering: must be on or off",
      "Invalid value for hsts: must be true or false",
      "Invalid value for hsts-max-age: must be a whole number of seconds",
      "Invalid value for proxy-keepalive: must be an integer",
      "Invalid value for bind-address-ipv4: must be an IPv4 address",
      "Invalid value for bind-address-ipv6: must be an IPv6 address",
      "Invalid value for access-log-path: must be an absolute path or off",
      "Invalid value for error-log-path: must be an absolute path",
      "Invalid value for error-log-path: must be an absolute path",
      "Invalid value for access-log-format: must be the name of a log_format (letters, digits, _)",
      "Invalid value for x-forwarded-for-value: must be one nginx value such as $remote_addr",
      "Invalid value for x-forwarded-ssl: must be one nginx value such as on",
    ]);
  });
});

describe("nginxDefaults", () => {
  test("has a default for every property, the log paths under the log root", () => {
    const defaults = nginxDefaults("shop", "/logs");
    expect({
      keys: Object.keys(defaults).sort(),
      access: defaults["access-log-path"],
      error: defaults["error-log-path"],
    }).toEqual({ keys: [...NGINX_PROPERTIES].sort(), access: "/logs/shop-access.log", error: "/logs/shop-error.log" });
  });
});

describe("nginxSettingsFrom", () => {
  test("turns the hsts flags into booleans and keeps the other values", () => {
    const settings = nginxSettingsFrom({
      ...nginxDefaults("shop", "/logs"),
      hsts: "false",
      "hsts-preload": "true",
      "client-max-body-size": "5m",
    });
    expect({
      hsts: settings.hsts,
      preload: settings.hstsPreload,
      subdomains: settings.hstsIncludeSubdomains,
      body: settings.clientMaxBodySize,
    }).toEqual({
      hsts: false,
      preload: true,
      subdomains: true,
      body: "5m",
    });
  });
});
