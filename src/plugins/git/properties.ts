import type { Context } from "../../core/context";
import { GLOBAL } from "../../store/property-store";

/** The git plugin's name: its properties live under `config/git/`. */
export const GIT_PLUGIN = "git";

/** What `git:set` accepts, in Dokku's order. */
export const GIT_PROPERTIES = [
  "archive-max-files",
  "archive-max-size",
  "deploy-branch",
  "keep-git-dir",
  "rev-env-var",
  "source-image",
] as const;

/** Dokku's fallback when neither the app nor --global names a deploy branch. */
export const DEFAULT_DEPLOY_BRANCH = "master";
export const DEFAULT_REV_ENV_VAR = "GIT_REV";
/** Dokku's archive limits: 1 GiB and 10,000 entries, settable with `git:set --global`. */
export const DEFAULT_ARCHIVE_MAX_SIZE = 1_073_741_824;
export const DEFAULT_ARCHIVE_MAX_FILES = 10_000;

type Store = Pick<Context, "store">;

/** The app's deploy branch, else the global one, else undefined: no branch was ever chosen. */
export function configuredDeployBranch(ctx: Store, app: string): string | undefined {
  const branch = ctx.store.getComputed(GIT_PLUGIN, app, "deploy-branch");
  return branch === "" ? undefined : branch;
}

/** The branch whose pushes deploy: configured, else `master`. */
export function computedDeployBranch(ctx: Store, app: string): string {
  return configuredDeployBranch(ctx, app) ?? DEFAULT_DEPLOY_BRANCH;
}

export function keepGitDir(ctx: Store, app: string): boolean {
  return ctx.store.getComputed(GIT_PLUGIN, app, "keep-git-dir", "false") === "true";
}

/** The variable that carries the deployed commit; "" when `git:set <app> rev-env-var ""` turned it off. */
export function revEnvVar(ctx: Store, app: string): string {
  const value = ctx.store.get(GIT_PLUGIN, app, "rev-env-var");
  return value === undefined ? DEFAULT_REV_ENV_VAR : value;
}

export function sourceImage(ctx: Store, app: string): string {
  return ctx.store.get(GIT_PLUGIN, app, "source-image") ?? "";
}

export interface ArchiveLimits {
  readonly maxBytes: number;
  readonly maxFiles: number;
}

/** The global archive limits (Dokku reads them from --global only). */
export function archiveLimits(ctx: Store): ArchiveLimits {
  return {
    maxBytes: positiveNumber(ctx.store.get(GIT_PLUGIN, GLOBAL, "archive-max-size"), DEFAULT_ARCHIVE_MAX_SIZE),
    maxFiles: positiveNumber(ctx.store.get(GIT_PLUGIN, GLOBAL, "archive-max-files"), DEFAULT_ARCHIVE_MAX_FILES),
  };
}

function positiveNumber(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw !== undefined && raw !== "" && Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

/** Why `git:set` refuses `key`=`value`; undefined when it is fine. Pure. */
export function gitPropertyProblem(key: string, value: string): string | undefined {
  if (key === "") return "No key specified";
  if (!(GIT_PROPERTIES as readonly string[]).includes(key)) {
    return `Invalid key specified, valid keys include: ${GIT_PROPERTIES.join(", ")}`;
  }
  if (value === "") return undefined;
  if ((key === "archive-max-files" || key === "archive-max-size") && !/^[1-9][0-9]*$/.test(value)) {
    return `Invalid ${key} value specified, must be a positive integer`;
  }
  if (key === "keep-git-dir" && value !== "true" && value !== "false")
    return "Invalid keep-git-dir value specified, must be true or false";
  if (key === "rev-env-var" && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value))
    return `Invalid rev-env-var value specified: ${value}`;
  return undefined;
}
