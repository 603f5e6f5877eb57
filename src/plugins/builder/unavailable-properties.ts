import { treeRelativePath } from "../../builders/build-options";
import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import type { CorePropertyNamespace } from "../../core/state-names";
import { GLOBAL } from "../../store/property-store";
import { setPluginProperty } from "../property-set";

/** One property of a builder Dokku has and this host lacks: kept and reported as Dokku does. */
interface UnavailableBuilderProperty {
  readonly namespace: CorePropertyNamespace;
  readonly property: string;
  /** Dokku's `<plugin>:help` description. */
  readonly description: string;
  /** The computed value when neither the app nor --global sets one. */
  readonly fallback: string;
  /** Why a value is refused; undefined when valid (a path's own check throws). */
  readonly validate: (value: string) => string | undefined;
}

const path = (property: string) => (value: string) =>
  treeRelativePath(value, property) === ""
    ? `Invalid ${property} '${value}': it must name a file inside the app's source tree`
    : undefined;

/** Dokku's herokuish is allowed by default on amd64 hosts only. */
const HOST_ALLOWS_HEROKUISH = process.arch === "x64" ? "true" : "false";

export const UNAVAILABLE_BUILDER_PROPERTIES: Readonly<Record<string, UnavailableBuilderProperty>> = {
  "builder-herokuish": {
    namespace: "builder-herokuish",
    property: "allowed",
    description: "Manage the herokuish builder integration for an app",
    fallback: HOST_ALLOWS_HEROKUISH,
    validate: (value) => (value === "true" || value === "false" ? undefined : "allowed must be true or false"),
  },
  "builder-lambda": {
    namespace: "builder-lambda",
    property: "lambdayml-path",
    description: "Manage the lambda builder integration for an app",
    fallback: "lambda.yml",
    validate: path("lambdayml-path"),
  },
  "builder-nixpacks": {
    namespace: "builder-nixpacks",
    property: "nixpackstoml-path",
    description: "Manage the nixpacks builder integration for an app",
    fallback: "nixpacks.toml",
    validate: path("nixpackstoml-path"),
  },
  "builder-pack": {
    namespace: "builder-pack",
    property: "projecttoml-path",
    description: "Manage the pack builder integration for an app",
    fallback: "project.toml",
    validate: path("projecttoml-path"),
  },
  "builder-railpack": {
    namespace: "builder-railpack",
    property: "railpackjson-path",
    description: "Manage the railpack builder integration for an app",
    fallback: "railpack.json",
    validate: path("railpackjson-path"),
  },
};

function spec(namespace: string): UnavailableBuilderProperty {
  const found = UNAVAILABLE_BUILDER_PROPERTIES[namespace];
  if (!found) throw new Error(`no builder namespace ${namespace}`);
  return found;
}

/** `<builder>:report` of an app or of --global: Dokku's raw, global and computed flags. */
export function unavailableBuilderReport(ctx: Pick<Context, "store">, namespace: string, target: string): Report {
  const { namespace: stored, property, fallback } = spec(namespace);
  const read = (scope: string) => ctx.store.get(stored, scope, property) ?? "";
  const global = read(GLOBAL);
  const own = target === GLOBAL ? "" : read(target);
  const entries: Record<string, string> = {
    [`--${namespace}-computed-${property}`]: own || global || fallback,
    [`--${namespace}-global-${property}`]: global,
  };
  if (target !== GLOBAL) entries[`--${namespace}-${property}`] = own;
  return { type: namespace, target, legacyKeys: false, entries };
}

/** `<builder>:set <app>|--global <key> [<value>]`, as Dokku's (its messages call the property a key). */
export function setUnavailableBuilderProperty(
  ctx: Context,
  namespace: string,
  target: string | undefined,
  key: string,
  value: string,
): Promise<void> {
  const { namespace: stored, property, validate } = spec(namespace);
  return setPluginProperty(ctx, {
    plugin: stored,
    scope: target,
    key,
    value,
    properties: [property],
    noun: "key",
    validate: (_key, raw) => validate(raw),
  });
}
