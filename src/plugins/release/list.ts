import { verifyApp } from "../../core/app-guard";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { rfc3339 } from "../builds/records";
import { mergeEnv, sortedKeys } from "../config/keys";
import { prettyEnv } from "../config/export-formats";
import { columnize } from "../config/go-format";
import type { Release } from "../deploy/contracts";
import { displayStatus, formatVersion, parseReleaseVersion } from "./describe";
import { currentReleaseId, readRelease, releaseIds } from "./release-store";
import { configKeys } from "./config-diff";
import { readConfigSnapshot } from "./snapshot";

/** A release as `releases --format json` and `releases:info --format json` show it (no config values). */
export interface ReleaseView {
  readonly version: string;
  readonly id: number;
  readonly description: string;
  readonly user: string;
  readonly created_at: string;
  readonly status: string;
  readonly current: boolean;
  readonly image: string;
  readonly image_id: string;
  readonly builder: string;
  readonly source: string;
  readonly git_rev: string;
  readonly processes: string[];
}

/** Pure. */
export function releaseView(release: Release, currentId: number | undefined): ReleaseView {
  return {
    version: formatVersion(release.id),
    id: release.id,
    description: release.description ?? "",
    user: release.user ?? "",
    created_at: rfc3339(release.createdAt),
    status: displayStatus(release, currentId),
    current: release.id === currentId,
    image: release.image,
    image_id: release.imageId ?? "",
    builder: release.builder,
    source: release.source,
    git_rev: release.gitRev ?? "",
    processes: Object.keys(release.processes).sort(),
  };
}

/** `releases <app> [--format json]`: newest first, the current one marked. */
export function listReleases(ctx: Context, appArg: string | undefined, format: string | undefined): void {
  const kind = checkFormat(format);
  const app = verifyApp(ctx, appArg);
  const currentId = currentReleaseId(ctx, app);
  const views = releaseIds(ctx, app)
    .reverse()
    .flatMap((id) => readRelease(ctx, app, id) ?? [])
    .map((release) => releaseView(release, currentId));
  if (kind === "json") {
    ctx.out.print(JSON.stringify(views));
    return;
  }
  ctx.out.heading(`${app} releases`);
  if (views.length === 0) {
    ctx.out.print("No releases recorded for this app");
    return;
  }
  const rows = views.map((view) => [
    view.version,
    view.description || "-",
    view.user || "-",
    view.created_at,
    view.status,
  ]);
  ctx.out.print(columnize([["Version", "Description", "User", "Created", "Status"], ...rows]));
}

/**
 * `releases:info <app> [vN] [--show-config] [--format json]` (default: the current release).
 * The config snapshot's keys are listed; their values only with --show-config, as
 * `config:show` would print them (the app's over the global ones).
 */
export function showRelease(
  ctx: Context,
  appArg: string | undefined,
  version: string | undefined,
  options: { format?: string; showConfig: boolean },
): void {
  const kind = checkFormat(options.format);
  const app = verifyApp(ctx, appArg);
  const currentId = currentReleaseId(ctx, app);
  const id =
    version === undefined || version === ""
      ? (currentId ?? fail(`App ${app} has not been deployed`, "not-deployed"))
      : parseReleaseVersion(version);
  const release =
    readRelease(ctx, app, id) ?? fail(`Release ${formatVersion(id)} of ${app} not found`, "release-missing");
  const view = releaseView(release, currentId);
  const snapshot = readConfigSnapshot(ctx, app, id);
  if (kind === "json") {
    const config = snapshot && { app_keys: sortedKeys(snapshot.app), global_keys: sortedKeys(snapshot.global) };
    const values =
      options.showConfig && snapshot
        ? { config_values: Object.fromEntries(mergeEnv(snapshot.global, snapshot.app)) }
        : {};
    ctx.out.print(JSON.stringify({ ...view, config: config ?? null, ...values }));
    return;
  }
  ctx.out.heading(`${app} ${view.version} release information`);
  const rows: [string, string][] = [
    ["Version:", view.version],
    ["Description:", view.description],
    ["User:", view.user],
    ["Created:", view.created_at],
    ["Status:", view.status],
    ["Image:", view.image],
    ["Image id:", view.image_id],
    ["Builder:", view.builder],
    ["Source:", view.source],
    ["Git rev:", view.git_rev],
    ["Processes:", view.processes.join(" ")],
    ["Config keys:", snapshot ? configKeys(snapshot) : "(no snapshot)"],
  ];
  ctx.out.print(columnize(rows, "       "));
  if (!options.showConfig || !snapshot) return;
  ctx.out.heading(`${app} ${view.version} config vars`);
  ctx.out.print(prettyEnv(mergeEnv(snapshot.global, snapshot.app), "       "));
}

function checkFormat(format: string | undefined): "stdout" | "json" {
  if (format === undefined || format === "" || format === "stdout") return "stdout";
  if (format === "json") return "json";
  return fail("Invalid format specified, supported formats: json, stdout", "bad-format");
}
