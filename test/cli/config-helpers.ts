import { mkdirSync, readFileSync } from "node:fs";
import { tempRoots } from "../harness";

/** Temp roots holding the apps (default `web`): an app's directory is what makes it exist. */
export function rootsWithApp(...apps: string[]) {
  const roots = tempRoots();
  for (const app of apps.length > 0 ? apps : ["web"]) mkdirSync(`${roots.env.DOKKU_ROOT}/${app}`);
  return roots;
}

export function envFilePath(roots: { env: Record<string, string> }, scope: string): string {
  return `${roots.env.DOKKU_LIB_ROOT}/config/${scope}/ENV`;
}

/** The ENV file's text, or undefined when it does not exist. */
export function envFileText(roots: { env: Record<string, string> }, scope: string): string | undefined {
  try {
    return readFileSync(envFilePath(roots, scope), "utf8");
  } catch {
    return undefined;
  }
}
