import { statSync } from "node:fs";
import type { Context } from "./context";
import { DokkuError } from "./errors";
import { appDir } from "./paths";
import { assertValidAppName } from "./validation";

/** Exit status Dokku uses for a missing app. */
export const APP_MISSING_EXIT = 20;

export function appExists(ctx: Pick<Context, "paths">, app: string): boolean {
  try {
    return statSync(appDir(ctx.paths, app)).isDirectory();
  } catch {
    return false;
  }
}

/** Validates the name and requires the app to exist: Dokku's VerifyAppName. Returns the name. */
export function verifyApp(ctx: Pick<Context, "paths">, app: string | undefined): string {
  const name = assertValidAppName(app);
  if (!appExists(ctx, name)) {
    throw new DokkuError(`App ${name} does not exist`, { code: "app-missing", exitCode: APP_MISSING_EXIT });
  }
  return name;
}
