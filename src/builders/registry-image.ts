/**
 * Image references for pushing an app's release to a registry, as Dokku's registry plugin names
 * them: `<server>/<image-repo>:<tag>`. Pure.
 */

const HOST_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const REGISTRY = new RegExp(
  `^(${HOST_LABEL}(?:\\.${HOST_LABEL})*|\\[[0-9A-Fa-f:.]+\\])(?::(\\d{1,5}))?((?:/${PATH_COMPONENT})*)$`,
);
const REPOSITORY = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** Docker's limit on a repository name, registry included. */
const MAX_NAME_LENGTH = 255;

/** Servers that mean Docker Hub, Docker's implicit registry: no prefix in an image name. */
const DOCKER_HUB = ["docker.io", "docker.com", "hub.docker.com", "index.docker.io", "registry-1.docker.io"];

/** Whether `value` is `host[:port][/path]` as an image reference's registry part. */
export function isRegistry(value: string): boolean {
  const match = REGISTRY.exec(value);
  if (!match) return false;
  const port = match[2];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
}

/** Whether `value` is a repository path (`dokku/app`, `team/sub/app`): lowercase components. */
export function isImageRepo(value: string): boolean {
  return value.length <= MAX_NAME_LENGTH && REPOSITORY.test(value);
}

/** Whether `value` is a Docker image tag (`1`, `v2.0`, `latest`). */
export function isImageTag(value: string): boolean {
  return TAG.test(value);
}

/** A `server` value as typed, with the one trailing `/` Dokku's docs show (`ghcr.io/`) removed. */
export function trimServer(server: string): string {
  return server.trim().replace(/\/+$/, "");
}

/** Whether a server value names Docker Hub (`docker.io`, `hub.docker.com`). */
export function isDockerHub(server: string): boolean {
  return DOCKER_HUB.includes(trimServer(server).toLowerCase());
}

/**
 * Dokku's computed server: "" when unset or Docker Hub, else the server with one trailing `/`
 * (`ghcr.io/`), ready to stand before an image repo.
 */
export function computedServer(server: string): string {
  const trimmed = trimServer(server);
  return trimmed === "" || isDockerHub(trimmed) ? "" : `${trimmed}/`;
}

/** The registry host (`host[:port]`) of a server value, the key its credentials are stored under. */
export function registryHost(server: string): string {
  const trimmed = trimServer(server.replace(/^https?:\/\//, ""));
  if (trimmed === "" || isDockerHub(trimmed)) return "docker.io";
  return trimmed.split("/")[0] as string;
}

/** The image repo of an app: its own `image-repo`, else Dokku's `dokku/<app>`. */
export function computedImageRepo(app: string, imageRepo: string | undefined): string {
  return imageRepo?.trim() || `dokku/${app}`;
}

const APP_NAME_ACTION = /\{\{-?\s*\.AppName\s*-?\}\}/g;

/**
 * An `image-repo-template` rendered for an app. Only `{{ .AppName }}` is understood; undefined
 * when the template uses anything else (validation refuses such templates when they are set).
 */
export function renderImageRepoTemplate(template: string, app: string): string | undefined {
  const rendered = template.replace(APP_NAME_ACTION, app).trim();
  return rendered.includes("{{") || rendered.includes("}}") ? undefined : rendered;
}

export interface RegistryImageRequest {
  /** The `server` property: `host[:port][/path]`, trailing `/` or not; "" or Docker Hub for no prefix. */
  readonly server: string;
  /** The `image-repo` property; "" or undefined for `dokku/<app>`. */
  readonly imageRepo?: string;
  readonly app: string;
  readonly tag: string;
}

/** `<server>/<image-repo>:<tag>`: the reference an app's image is pushed as and pulled by. */
export function registryImageName(request: RegistryImageRequest): string {
  return `${computedServer(request.server)}${computedImageRepo(request.app, request.imageRepo)}:${request.tag}`;
}

/** A reference split at its tag: `host:5000/team/app:7` -> { repo: "host:5000/team/app", tag: "7" }. */
export function splitImageReference(reference: string): { repo: string; tag: string } {
  const colon = reference.lastIndexOf(":");
  if (colon === -1 || colon < reference.lastIndexOf("/")) return { repo: reference, tag: "latest" };
  return { repo: reference.slice(0, colon), tag: reference.slice(colon + 1) };
}
