import type { AppJson } from "../../builders/app-json-types";
import type { Context } from "../../core/context";

/**
 * The contracts of the deploy pipeline: receive -> build -> release -> deploy -> post-deploy.
 * The deploy stage is a scheduler's (src/plugins/scheduler/scheduler.ts). Each stage is owned by one plugin; the pipeline in ./pipeline.ts
 * is the only place that strings them together.
 */

/** Where a deploy starts from. */
export type DeploySource =
  /** An app tree extracted to a temp dir: from a git push, `git:from-archive`, or `ps:rebuild`. */
  | { readonly kind: "tree"; readonly dir: string; readonly origin: "git" | "archive"; readonly rev?: string }
  /** A ready image: `git:from-image`, `git:load-image`. */
  | { readonly kind: "image"; readonly image: string; readonly origin: "image" | "load-image" };

/** An image built for an app, named `dokku/<app>:<tag>` and labelled. */
export interface BuiltImage {
  readonly image: string;
  readonly builder: string;
}

/** A builder (dockerfile, null; herokuish/pack/nixpacks later) behind the `builder-detect` trigger. */
export interface Builder {
  readonly name: string;
  /** Builds the source into `dokku/<app>:<tag>`, streaming output to ctx.out; throws on failure. */
  build(ctx: Context, app: string, source: DeploySource, tag: string): Promise<BuiltImage>;
}

/**
 * Where a release stands: written `pending`, `succeeded` once live, `image-pruned` when its
 * image was removed, `failed` when its deploy was interrupted (a crash) and never went live.
 */
export type ReleaseStatus = "pending" | "succeeded" | "image-pruned" | "failed";

/**
 * One deploy of an app: what runs, from which image, with which settings. Immutable once live,
 * but for `status` becoming `image-pruned`. Its config snapshot (secrets) is kept apart, in
 * the release plugin's `<id>.env` files, never in the record.
 */
export interface Release {
  /** 1, 2, 3 ... per app. */
  readonly id: number;
  readonly app: string;
  /** The image the containers run (after predeploy's commit). */
  readonly image: string;
  readonly builder: string;
  readonly source: DeploySource["origin"];
  readonly gitRev?: string;
  /** ISO time the release was made. */
  readonly createdAt: string;
  /** Procfile process types -> commands; empty when there is no Procfile (the image's CMD is `web`). */
  readonly processes: Readonly<Record<string, string>>;
  /** app.json as validated ({} when absent). */
  readonly appJson: AppJson;
  /** The legacy CHECKS file of the app's source, as read at release time (absent: none). */
  readonly checksFile?: string;
  /** The image's id (`sha256:...`): what a rollback starts, whatever the tag points to by then. Absent in older records. */
  readonly imageId?: string;
  /** What made it: `git push 1a2b3c4`, `config:set FOO`, `Rollback to v3` ... */
  readonly description?: string;
  /** Who made it (ctx.user). */
  readonly user?: string;
  /** Absent in older records: read as `succeeded`. */
  readonly status?: ReleaseStatus;
}

/** How many containers of each process type should run. */
export type Formation = Readonly<Record<string, number>>;

/** What the pipeline does at a deploy's commit point. */
export interface DeployHooks {
  /**
   * Makes the release the app's current one: called once its containers serve (the proxy
   * switched to them) and before any old container is touched. A throw rolls the deploy back.
   * Absent when the running release is started again (a restart, a scale).
   */
  readonly commit?: () => void;
}
