import { readdirSync } from "node:fs";
import type { Context } from "../../core/context";
import { appNameProblem } from "../../core/validation";
import { isDirectory } from "../../store/property-store";

/**
 * Which entries of DOKKU_ROOT are apps. Our rule: a directory whose name is a valid app name.
 * That is what `verifyApp` accepts as an existing app, so `apps:list` and every `<app>` command
 * agree; it also keeps apps made by Dokku before `created-at` existed. Dot-dirs (.ssh), files
 * (VHOST, ENV, authorized_keys) and upper-case or `_` names are never apps, so a plugin that
 * needs a non-app directory in DOKKU_ROOT must give it such a name. Pure.
 */
export function appNamesIn(entries: readonly { name: string; isDirectory: boolean }[]): string[] {
  return entries
    .filter((entry) => entry.isDirectory && appNameProblem(entry.name) === undefined)
    .map((entry) => entry.name)
    .sort();
}

/** Every app on this host, sorted, whoever asks (Dokku's UnfilteredDokkuApps). */
export function allApps(ctx: Pick<Context, "paths">): string[] {
  let entries: { name: string; isDirectory: boolean }[];
  try {
    entries = readdirSync(ctx.paths.dokkuRoot, { withFileTypes: true }).map((entry) => ({
      name: entry.name,
      // an app dir may be a symlink to elsewhere, as Dokku allows
      isDirectory:
        entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(`${ctx.paths.dokkuRoot}/${entry.name}`)),
    }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return appNamesIn(entries);
}

/** The apps the acting user may see: the `app-list` trigger, less what `user-auth-app` refuses. */
export async function visibleApps(ctx: Context): Promise<string[]> {
  const apps = [...new Set(await ctx.bus.fire("app-list", {}))].sort();
  if (apps.length === 0) return apps;
  const refused = new Set(await ctx.bus.fire("user-auth-app", { user: ctx.user, sshUser: ctx.sshUser, apps }));
  return apps.filter((app) => !refused.has(app));
}

/** Dokku's message when there is no app to list or report on. */
export const NO_APPS_MESSAGE = "You haven't deployed any applications yet";
