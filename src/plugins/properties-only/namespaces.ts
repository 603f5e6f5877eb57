import { logsNamespace } from "./logs";
import { caddyNamespace, haproxyNamespace, openrestyNamespace, traefikNamespace } from "./proxies";
import { schedulerK3sNamespace } from "./scheduler-k3s";
import type { PropertiesOnlyNamespace } from "./spec";

/** Dokku components whose properties this host keeps and reports without running them. */
export const PROPERTIES_ONLY: Readonly<Record<string, PropertiesOnlyNamespace>> = {
  caddy: caddyNamespace,
  haproxy: haproxyNamespace,
  logs: logsNamespace,
  openresty: openrestyNamespace,
  "scheduler-k3s": schedulerK3sNamespace,
  traefik: traefikNamespace,
};

export function propertiesOnly(name: string): PropertiesOnlyNamespace {
  const found = PROPERTIES_ONLY[name];
  if (!found) throw new Error(`no properties-only namespace ${name}`);
  return found;
}
