/**
 * Named crash points for the fault-injection tests: `DOKKU_FAILPOINT=<name>[,<name>...]` makes
 * the process SIGKILL itself when it reaches one of them, as a power cut or an OOM kill would,
 * so a test can stop a deploy at exactly the step it wants to prove recoverable. The names are
 * the steps whose order makes a deploy crash-safe (docs/architecture.md lists them). Unset, this
 * is one environment lookup.
 */
export const FAILPOINT_ENV = "DOKKU_FAILPOINT";

/** Whether `name` is one of the failpoints `value` (DOKKU_FAILPOINT) names. Pure. */
export function failpointArmed(value: string | undefined, name: string): boolean {
  if (value === undefined || value === "") return false;
  return value.split(",").some((entry) => entry.trim() === name);
}

/** SIGKILLs this process when DOKKU_FAILPOINT names `name`; otherwise returns at once. */
export function failpoint(env: Readonly<Record<string, string | undefined>>, name: string): void {
  if (!failpointArmed(env[FAILPOINT_ENV], name)) return;
  process.stderr.write(`failpoint ${name}: killing process ${process.pid}\n`);
  process.kill(process.pid, "SIGKILL");
}
