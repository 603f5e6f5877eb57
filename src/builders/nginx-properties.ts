import { isIPv4, isIPv6 } from "node:net";
import type { NginxSettings } from "./nginx-config";

/**
 * The `nginx:set` properties, Dokku's list without the three that drive custom sigil templates
 * and service commands (disable-custom-config, nginx-conf-sigil-path, nginx-service-command):
 * our config is rendered from typed state, never from a template or a command line.
 */
export const NGINX_PROPERTIES = [
  "access-log-format",
  "access-log-path",
  "bind-address-ipv4",
  "bind-address-ipv6",
  "client-body-timeout",
  "client-header-timeout",
  "client-max-body-size",
  "error-log-path",
  "hsts",
  "hsts-include-subdomains",
  "hsts-max-age",
  "hsts-preload",
  "keepalive-timeout",
  "lingering-timeout",
  "proxy-buffer-size",
  "proxy-buffering",
  "proxy-buffers",
  "proxy-busy-buffers-size",
  "proxy-connect-timeout",
  "proxy-keepalive",
  "proxy-read-timeout",
  "proxy-send-timeout",
  "send-timeout",
  "underscore-in-headers",
  "x-forwarded-for-value",
  "x-forwarded-port-value",
  "x-forwarded-proto-value",
  "x-forwarded-ssl",
] as const;

export type NginxProperty = (typeof NGINX_PROPERTIES)[number];

const PAGE_KB = 4;

/**
 * Defaults when neither the app nor --global sets a value (Dokku's; the log paths depend on the
 * app and the log root). proxy-keepalive differs: 32 idle connections per upstream rather than
 * none, so proxied requests do not open a new connection each.
 */
export function nginxDefaults(app: string, logRoot: string): Readonly<Record<NginxProperty, string>> {
  return {
    "access-log-format": "",
    "access-log-path": `${logRoot}/${app}-access.log`,
    "bind-address-ipv4": "",
    "bind-address-ipv6": "::",
    "client-body-timeout": "60s",
    "client-header-timeout": "60s",
    "client-max-body-size": "1m",
    "error-log-path": `${logRoot}/${app}-error.log`,
    hsts: "true",
    "hsts-include-subdomains": "true",
    "hsts-max-age": "15724800",
    "hsts-preload": "false",
    "keepalive-timeout": "75s",
    "lingering-timeout": "5s",
    "proxy-buffer-size": `${PAGE_KB}k`,
    "proxy-buffering": "on",
    "proxy-buffers": `8 ${PAGE_KB}k`,
    "proxy-busy-buffers-size": `${PAGE_KB * 2}k`,
    "proxy-connect-timeout": "60s",
    "proxy-keepalive": "32",
    "proxy-read-timeout": "60s",
    "proxy-send-timeout": "60s",
    "send-timeout": "60s",
    "underscore-in-headers": "off",
    "x-forwarded-for-value": "$remote_addr",
    "x-forwarded-port-value": "$server_port",
    "x-forwarded-proto-value": "$scheme",
    "x-forwarded-ssl": "",
  };
}

const SIZE = /^\d+[kKmMgG]?$/;
const TIME = /^\d+(ms|s|m|h|d|w|M|y)?$/;
/** One nginx value: a variable or a plain word; no spaces, quotes, semicolons or braces. */
const VALUE = /^[A-Za-z0-9_$.:,/-]+$/;
const PATH = /^\/[A-Za-z0-9_.,@+/-]*$/;

const RULES: Readonly<Record<NginxProperty, { test: (value: string) => boolean; expected: string }>> = {
  "access-log-format": {
    test: (v) => /^[A-Za-z0-9_]+$/.test(v),
    expected: "the name of a log_format (letters, digits, _)",
  },
  "access-log-path": { test: (v) => v === "off" || PATH.test(v), expected: "an absolute path or off" },
  "bind-address-ipv4": { test: (v) => isIPv4(v), expected: "an IPv4 address" },
  "bind-address-ipv6": { test: (v) => isIPv6(v), expected: "an IPv6 address" },
  "client-body-timeout": { test: (v) => TIME.test(v), expected: "a time such as 60s" },
  "client-header-timeout": { test: (v) => TIME.test(v), expected: "a time such as 60s" },
  "client-max-body-size": { test: (v) => SIZE.test(v), expected: "a size such as 1m (k, m or g)" },
  "error-log-path": { test: (v) => PATH.test(v), expected: "an absolute path" },
  hsts: { test: isBoolean, expected: "true or false" },
  "hsts-include-subdomains": { test: isBoolean, expected: "true or false" },
  "hsts-max-age": { test: (v) => /^\d+$/.test(v), expected: "a whole number of seconds" },
  "hsts-preload": { test: isBoolean, expected: "true or false" },
  "keepalive-timeout": { test: (v) => TIME.test(v), expected: "a time such as 75s" },
  "lingering-timeout": { test: (v) => TIME.test(v), expected: "a time such as 5s" },
  "proxy-buffer-size": { test: (v) => SIZE.test(v), expected: "a size such as 4k" },
  "proxy-buffering": { test: isOnOff, expected: "on or off" },
  "proxy-buffers": { test: (v) => /^\d+ \d+[kKmM]?$/.test(v), expected: "a count and a size such as '8 4k'" },
  "proxy-busy-buffers-size": { test: (v) => SIZE.test(v), expected: "a size such as 8k" },
  "proxy-connect-timeout": { test: (v) => TIME.test(v), expected: "a time such as 60s" },
  "proxy-keepalive": { test: (v) => /^\d+$/.test(v), expected: "an integer" },
  "proxy-read-timeout": { test: (v) => TIME.test(v), expected: "a time such as 60s" },
  "proxy-send-timeout": { test: (v) => TIME.test(v), expected: "a time such as 60s" },
  "send-timeout": { test: (v) => TIME.test(v), expected: "a time such as 60s" },
  "underscore-in-headers": { test: isOnOff, expected: "on or off" },
  "x-forwarded-for-value": { test: (v) => VALUE.test(v), expected: "one nginx value such as $remote_addr" },
  "x-forwarded-port-value": { test: (v) => VALUE.test(v), expected: "one nginx value such as $server_port" },
  "x-forwarded-proto-value": { test: (v) => VALUE.test(v), expected: "one nginx value such as $scheme" },
  "x-forwarded-ssl": { test: (v) => VALUE.test(v), expected: "one nginx value such as on" },
};

export function isNginxProperty(key: string): key is NginxProperty {
  return (NGINX_PROPERTIES as readonly string[]).includes(key);
}

/** Why `value` cannot be set for `key` (it would not be valid nginx, or would inject directives); undefined when fine. Pure. */
export function nginxValueProblem(key: NginxProperty, value: string): string | undefined {
  const rule = RULES[key];
  return rule.test(value) ? undefined : `Invalid value for ${key}: must be ${rule.expected}`;
}

/** The renderer's settings from computed property values. Pure. */
export function nginxSettingsFrom(computed: Readonly<Record<NginxProperty, string>>): NginxSettings {
  return {
    accessLogPath: computed["access-log-path"],
    accessLogFormat: computed["access-log-format"],
    errorLogPath: computed["error-log-path"],
    bindAddressIpv4: computed["bind-address-ipv4"],
    bindAddressIpv6: computed["bind-address-ipv6"],
    clientBodyTimeout: computed["client-body-timeout"],
    clientHeaderTimeout: computed["client-header-timeout"],
    clientMaxBodySize: computed["client-max-body-size"],
    keepaliveTimeout: computed["keepalive-timeout"],
    lingeringTimeout: computed["lingering-timeout"],
    sendTimeout: computed["send-timeout"],
    proxyConnectTimeout: computed["proxy-connect-timeout"],
    proxyReadTimeout: computed["proxy-read-timeout"],
    proxySendTimeout: computed["proxy-send-timeout"],
    proxyBufferSize: computed["proxy-buffer-size"],
    proxyBuffering: computed["proxy-buffering"],
    proxyBuffers: computed["proxy-buffers"],
    proxyBusyBuffersSize: computed["proxy-busy-buffers-size"],
    proxyKeepalive: computed["proxy-keepalive"],
    underscoreInHeaders: computed["underscore-in-headers"],
    xForwardedFor: computed["x-forwarded-for-value"],
    xForwardedPort: computed["x-forwarded-port-value"],
    xForwardedProto: computed["x-forwarded-proto-value"],
    xForwardedSsl: computed["x-forwarded-ssl"],
    hsts: computed.hsts === "true",
    hstsIncludeSubdomains: computed["hsts-include-subdomains"] === "true",
    hstsMaxAge: computed["hsts-max-age"],
    hstsPreload: computed["hsts-preload"] === "true",
  };
}

function isBoolean(value: string): boolean {
  return value === "true" || value === "false";
}

function isOnOff(value: string): boolean {
  return value === "on" || value === "off";
}
