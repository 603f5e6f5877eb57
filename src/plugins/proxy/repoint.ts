import type { ContainerUpstream } from "../../builders/nginx-upstreams";
import { appExists } from "../../core/app-guard";
import type { Context } from "../../core/context";
import { tryHoldDeployLock } from "../deploy/deploy-lock";
import { writeAppConfig } from "../nginx/build-config";
import { currentRelease } from "../release/releases";
import { schedulerFor } from "../scheduler/select-scheduler";
import { servedByNginx } from "./properties";

/** What re-pointing an app did. */
export type RepointOutcome =
  /** Not an app of ours to route: gone, never deployed, proxy disabled or another proxy type. */
  | { readonly kind: "skipped" }
  /** A deploy (or restart, scale, rollback ...) holds the app's deploy lock: it sets the proxy itself; try again after it. */
  | { readonly kind: "busy" }
  /** The config now routes to exactly `upstreams`: `unchanged` (nothing written, no reload), `reloaded`, or `written` (nginx not running). */
  | { readonly kind: "unchanged" | "reloaded" | "written"; readonly upstreams: readonly ContainerUpstream[] };

/**
 * Points the app's proxy at where its web containers answer NOW: the current release's running
 * web containers (or a swarm app's router), each verified by its app label right before the
 * write. The one entry point after an engine restart: `ps:restore`, the `proxy:watch` watcher
 * and deploy recovery call it. Stays out of a deploy's way: when the app's deploy lock is held
 * by a live process this returns `busy` without waiting or touching anything; otherwise it holds
 * that lock meanwhile (settling first whatever a crashed deploy left), so no deploy starts
 * halfway through. Idempotent: the same addresses give
 * the same text, which is neither written nor reloaded again.
 */
export async function repointApp(ctx: Context, app: string): Promise<RepointOutcome> {
  if (!appExists(ctx, app) || !currentRelease(ctx, app) || !(await servedByNginx(ctx, app))) return { kind: "skipped" };
  using lock = await tryHoldDeployLock(ctx, app);
  if (!lock) return { kind: "busy" };
  if (!currentRelease(ctx, app)) return { kind: "skipped" };
  const upstreams = await schedulerFor(ctx, app).webUpstreams(ctx, app);
  return { kind: await writeAppConfig(ctx, app, upstreams), upstreams };
}

/** `-----> Re-pointed <app> to 10.0.0.3:5000 (web.1)` when the config changed; nothing when it was right already. */
export function reportRepoint(ctx: Context, app: string, outcome: RepointOutcome): void {
  if (outcome.kind === "busy") {
    ctx.out.detail(`${app} is being deployed: its deploy points the proxy`);
    return;
  }
  if (outcome.kind !== "reloaded" && outcome.kind !== "written") return;
  const targets = outcome.upstreams.map((upstream) => `${upstream.address}:${upstream.port} (${upstream.dyno})`);
  ctx.out.step(`Re-pointed ${app} to ${targets.length > 0 ? targets.join(", ") : "no running web container"}`);
  if (outcome.kind === "written") ctx.out.detail("nginx is not running: the change applies when it starts");
}
