/**
 * Safe mode and who may use it. In safe mode (`DOKKU_SAFE_MODE=1` or the global flag
 * `--safe-mode`) no WASM plugin is registered on the trigger bus, no plugin command runs and the
 * sandbox never starts; the core works. It is the way back in for root when a plugin locks every
 * command, so it is root's at the server's own shell only: over ssh (SSH_ORIGINAL_COMMAND set,
 * whatever user sshd runs us as) it would be a way round the restrictions a user-auth plugin puts
 * on the key holders. Pure.
 */
import { fail } from "./errors";

/** Printed once per command while safe mode is on. */
export const SAFE_MODE_NOTICE = "Safe mode: no WASM plugin runs (DOKKU_SAFE_MODE=1 or --safe-mode)";

export interface SafeModeRequest {
  /** `--safe-mode` was given. */
  readonly flag: boolean;
  /** DOKKU_SAFE_MODE as found in the environment. */
  readonly env: string | undefined;
  /** The process runs as root (uid 0). */
  readonly isRoot: boolean;
  /** The command came through sshd's forced command. */
  readonly overSsh: boolean;
}

export interface SafeModeDecision {
  readonly on: boolean;
  /** Why a DOKKU_SAFE_MODE in the environment was not honoured. */
  readonly warning?: string;
}

/**
 * On for root at its own shell. `--safe-mode` from anyone else is refused (nothing runs);
 * DOKKU_SAFE_MODE from anyone else is ignored with a warning, because an environment is
 * inherited rather than typed, and the command then runs with every plugin, as it would without it.
 */
export function decideSafeMode(request: SafeModeRequest): SafeModeDecision {
  if (request.flag) {
    if (request.overSsh)
      fail("--safe-mode cannot be used over ssh: safe mode is for root on the server itself", "safe-mode-refused");
    if (!request.isRoot) fail("--safe-mode must be run as root", "safe-mode-refused");
    return { on: true };
  }
  const value = request.env;
  if (value === undefined || value === "" || value === "0") return { on: false };
  if (value !== "1")
    return { on: false, warning: `DOKKU_SAFE_MODE=${shown(value)} is ignored: set it to 1 for safe mode` };
  if (request.overSsh)
    return { on: false, warning: "DOKKU_SAFE_MODE is ignored over ssh: safe mode is for root on the server itself" };
  if (!request.isRoot) return { on: false, warning: "DOKKU_SAFE_MODE is ignored: safe mode is for root" };
  return { on: true };
}

/** Refuses a plugin's command while safe mode is on. */
export function refusePluginCommand(command: string, plugin: string): never {
  fail(`\`${command}\` is a command of plugin ${plugin}, and no plugin runs in safe mode`, "safe-mode");
}

/** Root at the server's own shell: the admin, not an ssh key holder (see decideSafeMode). */
export function isLocalRoot(ctx: {
  readonly isRoot: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}): boolean {
  return ctx.isRoot && ctx.env.SSH_ORIGINAL_COMMAND === undefined;
}

/** At most 32 printable characters of a value, for a warning. */
function shown(value: string): string {
  const printable = value.replace(/[^\x20-\x7e]/g, "?");
  return printable.length > 32 ? `${printable.slice(0, 32)}...` : printable;
}
