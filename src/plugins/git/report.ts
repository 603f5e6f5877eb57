import { statSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { GLOBAL } from "../../store/property-store";
import {
  DEFAULT_ARCHIVE_MAX_FILES,
  DEFAULT_ARCHIVE_MAX_SIZE,
  GIT_PLUGIN,
  computedDeployBranch,
  revEnvVar,
} from "./properties";
import { repoPath, resolveRef } from "./repo";

/** The `git` report of one app or of --global, with Dokku's flags (git/report.go). */
export async function gitReport(ctx: Context, target: string): Promise<Report> {
  const get = (scope: string, key: string) => ctx.store.get(GIT_PLUGIN, scope, key) ?? "";
  const global = {
    "--git-computed-archive-max-files": get(GLOBAL, "archive-max-files") || String(DEFAULT_ARCHIVE_MAX_FILES),
    "--git-computed-archive-max-size": get(GLOBAL, "archive-max-size") || String(DEFAULT_ARCHIVE_MAX_SIZE),
    "--git-global-archive-max-files": get(GLOBAL, "archive-max-files"),
    "--git-global-archive-max-size": get(GLOBAL, "archive-max-size"),
    "--git-global-deploy-branch": get(GLOBAL, "deploy-branch"),
    "--git-global-keep-git-dir": get(GLOBAL, "keep-git-dir"),
  };
  if (target === GLOBAL) {
    return {
      type: "git",
      legacyKeys: false,
      target,
      entries: {
        ...global,
        "--git-computed-deploy-branch": get(GLOBAL, "deploy-branch") || "master",
        "--git-computed-keep-git-dir": get(GLOBAL, "keep-git-dir") || "false",
      },
    };
  }
  const branch = computedDeployBranch(ctx, target);
  return {
    type: "git",
    legacyKeys: false,
    target,
    entries: {
      ...global,
      "--git-computed-deploy-branch": branch,
      "--git-computed-keep-git-dir": get(target, "keep-git-dir") || get(GLOBAL, "keep-git-dir") || "false",
      "--git-deploy-branch": get(target, "deploy-branch"),
      "--git-keep-git-dir": get(target, "keep-git-dir"),
      "--git-last-updated-at": lastUpdatedAt(ctx, target, branch),
      "--git-rev-env-var": revEnvVar(ctx, target),
      "--git-sha": (await resolveRef(ctx, target, "HEAD")) ?? "",
      "--git-source-image": get(target, "source-image"),
    },
  };
}

/** When the deploy branch last moved: the mtime of its ref file (Dokku's reportLastUpdatedAt). */
function lastUpdatedAt(ctx: Context, app: string, branch: string): string {
  try {
    return String(Math.floor(statSync(join(repoPath(ctx, app), "refs", "heads", branch)).mtimeMs / 1000));
  } catch {
    return "";
  }
}
