import type { ImageBuildOptions } from "dockerode";
import { assertConfigBounds } from "../core/env-bounds";
import { fail } from "../core/errors";
import { LABELS } from "./container-spec";

/** The repository of an app's images: `dokku/<app>`. Pure. */
export function imageRepo(app: string): string {
  return `dokku/${app}`;
}

/** An app's image: `dokku/<app>:<tag>`. Pure. */
export function appImage(app: string, tag: string): string {
  return `${imageRepo(app)}:${tag}`;
}

/** The labels Dokku puts on a built image (builder-dockerfile's builder-build). Pure. */
export function buildLabels(app: string, builder: string): Record<string, string> {
  return {
    [LABELS.app]: app,
    "com.dokku.builder-type": builder,
    "com.dokku.image-stage": "build",
    dokku: "",
    "org.label-schema.schema-version": "1.0",
    "org.label-schema.vendor": "dokku",
  };
}

export interface ImageBuild {
  readonly app: string;
  readonly tag: string;
  /** The builder's name for `com.dokku.builder-type`. */
  readonly builder: string;
  /** The Dockerfile's path inside the build context. */
  readonly dockerfile: string;
  /** `--build-arg` values. */
  readonly buildArgs: Readonly<Record<string, string>>;
}

/**
 * The options of `POST /build` for an app image: tagged `dokku/<app>:<tag>`, labelled, never
 * pulling, intermediate containers removed even on failure. Build args from the config are
 * held to the config's bounds (they travel in the request's query string). Pure.
 */
export function imageBuildOptions(build: ImageBuild): ImageBuildOptions {
  assertConfigBounds(Object.entries(build.buildArgs), `The build args of ${build.app}`);
  const options: ImageBuildOptions = {
    t: appImage(build.app, build.tag),
    dockerfile: build.dockerfile,
    labels: buildLabels(build.app, build.builder),
    rm: true,
    forcerm: true,
    pull: false,
  };
  if (Object.keys(build.buildArgs).length > 0) options.buildargs = { ...build.buildArgs };
  return options;
}

/** What `docker-options:add <app> build` adds to an image build (build args, labels, network, limits...). */
export type ExtraBuildOptions = Pick<
  ImageBuildOptions,
  "networkmode" | "shmsize" | "memory" | "memswap" | "nocache" | "pull" | "target"
> & {
  readonly buildargs: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
};

/**
 * The build's options with the docker-options of the build phase on top: their build args win
 * over the config keys of `build-args-keys` (the more specific setting), dokku's own labels and
 * tag are never overridden. Pure.
 */
export function withExtraBuildOptions(options: ImageBuildOptions, extra: ExtraBuildOptions): ImageBuildOptions {
  const { buildargs, labels, ...rest } = extra;
  const merged: ImageBuildOptions = {
    ...options,
    ...rest,
    t: options.t,
    dockerfile: options.dockerfile,
    labels: { ...labels, ...options.labels },
  };
  if (Object.keys(buildargs).length > 0) merged.buildargs = { ...options.buildargs, ...buildargs };
  return merged;
}

/** The Dockerfile that relabels a ready image for an app, as Dokku's git:from-image writes it. Pure. */
export function fromImageDockerfile(image: string): string {
  if (image === "" || /\s/.test(image)) fail(`Invalid image name: '${image}'`, "invalid-image");
  return `FROM ${image}\n`;
}

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `KEY1,KEY2` (the `build-args-keys` property) as a list; refuses names that are not config keys. Pure. */
export function parseBuildArgKeys(value: string): string[] {
  const keys = value
    .split(",")
    .map((key) => key.trim())
    .filter((key) => key !== "");
  for (const key of keys) {
    if (!ENV_KEY.test(key))
      fail(`Invalid build arg key '${key}': use config keys such as NODE_ENV, separated by commas`, "invalid-property");
  }
  return keys;
}

/**
 * The build args for the selected keys, with their values from the app's config; a key the
 * config lacks is left out, as `docker build --build-arg KEY` does with an unset variable. Pure.
 */
export function selectBuildArgs(keys: readonly string[], env: ReadonlyMap<string, string>): Record<string, string> {
  const args: Record<string, string> = {};
  for (const key of keys) {
    const value = env.get(key);
    if (value !== undefined) args[key] = value;
  }
  return args;
}

/**
 * A path inside the source tree from a property (`dockerfile-path`, `build-dir`): never absolute
 * (leading slashes dropped, as Dokku says), never leaving the tree. Returns the normalised path,
 * `""` for the tree itself. Pure.
 */
export function treeRelativePath(value: string, what: string): string {
  const parts: string[] = [];
  for (const part of value.replace(/^\/+/, "").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..")
      fail(`Invalid ${what} '${value}': it must stay inside the app's source tree`, "invalid-property");
    parts.push(part);
  }
  return parts.join("/");
}
