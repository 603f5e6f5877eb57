import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { computedServer } from "../../builders/registry-image";
import { GLOBAL } from "../../store/property-store";
import { appImageRepo, ownRegistryProperty, registryProperty, type RegistryProperty } from "./properties";

const SHARED: readonly RegistryProperty[] = ["image-repo-template", "push-extra-tags", "push-on-release", "server"];

/**
 * The registry report of an app or of --global, in Dokku's layout: per global-capable property
 * the computed value, the global value and, for an app, its own; image-repo for apps only. The
 * computed server carries Dokku's trailing `/` and is empty for Docker Hub.
 */
export function registryReport(ctx: Pick<Context, "store">, target: string): Report {
  const entries: Record<string, string> = {};
  for (const key of SHARED) {
    const computed = registryProperty(ctx, target, key);
    entries[`--registry-computed-${key}`] = key === "server" ? computedServer(computed) : computed;
    entries[`--registry-global-${key}`] = ownRegistryProperty(ctx, GLOBAL, key);
    if (target !== GLOBAL) entries[`--registry-${key}`] = ownRegistryProperty(ctx, target, key);
  }
  if (target !== GLOBAL) {
    entries["--registry-computed-image-repo"] = appImageRepo(ctx, target);
    entries["--registry-image-repo"] = ownRegistryProperty(ctx, target, "image-repo");
  }
  return { type: "registry", target, entries };
}
