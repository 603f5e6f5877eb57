import type { Context } from "../../core/context";
import { NGINX_PROPERTIES, nginxDefaults, type NginxProperty } from "../../builders/nginx-properties";
import { GLOBAL } from "../../store/property-store";

export const NGINX_PLUGIN = "nginx";
const DEFAULT_LOG_ROOT = "/var/log/nginx";

/** Where per-app logs go by default: DOKKU_NGINX_LOG_ROOT, else /var/log/nginx. */
export function nginxLogRoot(ctx: Pick<Context, "env">): string {
  return ctx.env.DOKKU_NGINX_LOG_ROOT || DEFAULT_LOG_ROOT;
}

export interface NginxPropertyValues {
  readonly app: Record<NginxProperty, string>;
  readonly global: Record<NginxProperty, string>;
  readonly computed: Record<NginxProperty, string>;
}

/** The app's own, the global and the computed (app, else global, else default) value of every property. */
export function nginxPropertyValues(ctx: Pick<Context, "store" | "env">, app: string): NginxPropertyValues {
  const defaults = nginxDefaults(app, nginxLogRoot(ctx));
  const own = {} as Record<NginxProperty, string>;
  const global = {} as Record<NginxProperty, string>;
  const computed = {} as Record<NginxProperty, string>;
  for (const key of NGINX_PROPERTIES) {
    own[key] = app === GLOBAL ? "" : (ctx.store.get(NGINX_PLUGIN, app, key) ?? "");
    global[key] = ctx.store.get(NGINX_PLUGIN, GLOBAL, key) ?? "";
    computed[key] = own[key] || global[key] || defaults[key];
  }
  return { app: own, global, computed };
}
