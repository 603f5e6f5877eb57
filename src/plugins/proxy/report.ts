import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import { computedProxyType, isProxyEnabled, PROXY_PLUGIN } from "./properties";

/** The proxy report of an app or --global, with Dokku's keys. */
export function proxyReport(ctx: Pick<Context, "store">, target: string): Report {
  const get = (scope: string, key: string) => ctx.store.get(PROXY_PLUGIN, scope, key) ?? "";
  const entries: Record<string, string> = {
    "--proxy-computed-proxy-port": (target === GLOBAL ? "" : get(target, "proxy-port")) || get(GLOBAL, "proxy-port"),
    "--proxy-computed-proxy-ssl-port":
      (target === GLOBAL ? "" : get(target, "proxy-ssl-port")) || get(GLOBAL, "proxy-ssl-port"),
    "--proxy-computed-type": target === GLOBAL ? get(GLOBAL, "type") || "nginx" : computedProxyType(ctx, target),
    "--proxy-global-proxy-port": get(GLOBAL, "proxy-port"),
    "--proxy-global-proxy-ssl-port": get(GLOBAL, "proxy-ssl-port"),
    "--proxy-global-type": get(GLOBAL, "type"),
  };
  if (target === GLOBAL) return { type: "proxy", target, entries };
  entries["--proxy-computed-disabled"] = get(target, "disabled") || "false";
  entries["--proxy-disabled"] = get(target, "disabled");
  entries["--proxy-enabled"] = String(isProxyEnabled(ctx, target));
  entries["--proxy-proxy-port"] = get(target, "proxy-port");
  entries["--proxy-proxy-ssl-port"] = get(target, "proxy-ssl-port");
  entries["--proxy-type"] = get(target, "type");
  return { type: "proxy", target, entries };
}
