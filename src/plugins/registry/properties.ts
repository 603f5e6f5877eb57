import type { Context } from "../../core/context";
import { GLOBAL } from "../../store/property-store";
import { computedImageRepo, renderImageRepoTemplate } from "../../builders/registry-image";

export const REGISTRY_PLUGIN = "registry";

/** Every registry property (Dokku's DefaultProperties, without its internal tag-version). */
export const REGISTRY_PROPERTIES = [
  "image-repo",
  "image-repo-template",
  "push-extra-tags",
  "push-on-release",
  "server",
] as const;
export type RegistryProperty = (typeof REGISTRY_PROPERTIES)[number];

/** The ones that may be set with --global: all but image-repo. */
export const REGISTRY_GLOBAL_PROPERTIES: readonly RegistryProperty[] = [
  "image-repo-template",
  "push-extra-tags",
  "push-on-release",
  "server",
];

/** What a property computes to when neither the app nor --global sets it. */
export const REGISTRY_DEFAULTS: Readonly<Record<RegistryProperty, string>> = {
  "image-repo": "",
  "image-repo-template": "",
  "push-extra-tags": "",
  "push-on-release": "false",
  server: "",
};

type Store = Pick<Context, "store">;

/** A property's own value in a scope (an app or GLOBAL), trimmed; "" when unset. */
export function ownRegistryProperty(ctx: Store, scope: string, key: RegistryProperty): string {
  return (ctx.store.get(REGISTRY_PLUGIN, scope, key) ?? "").trim();
}

/**
 * A property as computed for an app (or GLOBAL): the app's value, else the global one, else the
 * default. image-repo is per app only.
 */
export function registryProperty(ctx: Store, app: string, key: RegistryProperty): string {
  const own = app === GLOBAL ? "" : ownRegistryProperty(ctx, app, key);
  if (key === "image-repo") return own;
  return own || ownRegistryProperty(ctx, GLOBAL, key) || REGISTRY_DEFAULTS[key];
}

/** The app's image repo: its image-repo, else its rendered image-repo-template, else `dokku/<app>`. */
export function appImageRepo(ctx: Store, app: string): string {
  const template = registryProperty(ctx, app, "image-repo-template");
  const rendered = template === "" ? undefined : renderImageRepoTemplate(template, app);
  return computedImageRepo(app, registryProperty(ctx, app, "image-repo") || rendered);
}

/** What a push of an app's release needs from the registry properties. */
export interface RegistrySettings {
  /** The server as set (app, else global), trimmed; "" when none is configured. */
  readonly server: string;
  readonly imageRepo: string;
  readonly pushOnRelease: boolean;
  readonly pushExtraTags: readonly string[];
}

export function registrySettings(ctx: Store, app: string): RegistrySettings {
  return {
    server: registryProperty(ctx, app, "server"),
    imageRepo: appImageRepo(ctx, app),
    pushOnRelease: registryProperty(ctx, app, "push-on-release") === "true",
    pushExtraTags: splitTags(registryProperty(ctx, app, "push-extra-tags")),
  };
}

/** The tags of a comma separated push-extra-tags value, blanks dropped. */
export function splitTags(value: string): string[] {
  return value
    .split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "");
}
