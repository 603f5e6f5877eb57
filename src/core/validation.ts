import { fail } from "./errors";

const APP_NAME = /^[a-z0-9][a-z0-9.-]*$/;
/** An app name becomes a DNS label in `<app>.<domain>` and a container name prefix. */
export const MAX_APP_NAME_LENGTH = 63;

/** Returns why `name` is not a valid app name, or undefined when it is. Pure. */
export function appNameProblem(name: string): string | undefined {
  if (name === "") return "Please specify an app to run the command on";
  if (!APP_NAME.test(name)) {
    return "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens";
  }
  if (name.includes("..")) return "App name must not contain consecutive dots";
  if (name.length > MAX_APP_NAME_LENGTH) {
    return `App name must be at most ${MAX_APP_NAME_LENGTH} characters long`;
  }
  return undefined;
}

export function assertValidAppName(name: string | undefined): string {
  const problem = appNameProblem(name ?? "");
  if (problem) fail(problem, "invalid-app-name");
  return name as string;
}
