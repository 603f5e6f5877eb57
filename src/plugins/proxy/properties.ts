import type { Context } from "../../core/context";
import { GLOBAL } from "../../store/property-store";

export const PROXY_PLUGIN = "proxy";
/** Every proxy property, as Dokku's DefaultProperties. */
export const PROXY_PROPERTIES = ["disabled", "proxy-port", "proxy-ssl-port", "type"] as const;
export const PROXY_GLOBAL_PROPERTIES = ["proxy-port", "proxy-ssl-port", "type"] as const;
/** The proxies this build can drive; caddy, traefik and haproxy can come later behind `proxy-type`. */
export const PROXY_TYPES = ["nginx"] as const;
/**
 * The proxy types Dokku ships plugins for: `proxy:set` takes any of them, as Dokku does (scripts
 * move between hosts), and warns when this host cannot drive it; any other word is refused.
 */
export const DOKKU_PROXY_TYPES = ["caddy", "haproxy", "nginx", "openresty", "traefik"] as const;

/** Whether this host drives the proxy type (an app of another type gets no proxy config). */
export function isDrivenProxyType(type: string): boolean {
  return (PROXY_TYPES as readonly string[]).includes(type);
}
export const DEFAULT_PROXY_TYPE = "nginx";

type Store = Pick<Context, "store">;

/** Dokku's IsAppProxyEnabled: on unless `disabled` is "true". */
export function isProxyEnabled(ctx: Store, app: string): boolean {
  return ctx.store.get(PROXY_PLUGIN, app, "disabled") !== "true";
}

/** The app's type, else the global one, else nginx. */
export function computedProxyType(ctx: Store, app: string): string {
  return ctx.store.get(PROXY_PLUGIN, app, "type") || ctx.store.get(PROXY_PLUGIN, GLOBAL, "type") || DEFAULT_PROXY_TYPE;
}

/** Whether nginx serves the app: proxy enabled and `proxy-type` answers nginx. */
export async function servedByNginx(ctx: Context, app: string): Promise<boolean> {
  if (!isProxyEnabled(ctx, app)) return false;
  return ((await ctx.bus.fire("proxy-type", { app })) ?? DEFAULT_PROXY_TYPE) === "nginx";
}

/**
 * After a deploy: an app whose proxy type this host cannot drive (set for Dokku's caddy or
 * traefik, say) is told so, rather than being left without a proxy config in silence.
 */
export async function warnUndrivenProxyType(ctx: Context, app: string): Promise<void> {
  if (!isProxyEnabled(ctx, app)) return;
  const type = (await ctx.bus.fire("proxy-type", { app })) ?? DEFAULT_PROXY_TYPE;
  if (!isDrivenProxyType(type))
    ctx.out.warn(`Proxy type ${type} is not available on this host: ${app} is not served by a proxy`);
}
