import type { Context } from "../../core/context";
import { resolveScope, splitTarget } from "../../plugins/config/scope";
import type { Scope } from "../../../sdk/triggers/define";

/** Arguments shared by the config commands: `(<app>|--global)` and the common flags. */
export const APP = { type: "positional", required: false, description: "the app (omit with --global)" } as const;
export const GLOBAL_FLAG = { type: "boolean", description: "use the global environment" } as const;
export const MERGED = { type: "boolean", description: "merge app environment and global environment" } as const;
export const NO_RESTART = {
  type: "boolean",
  default: true,
  description: "restart the app after the change; --no-restart skips it",
} as const;

/** The scope and the remaining operands of a config command line. */
export function targetOf(ctx: Context, args: { global?: boolean; _: string[] }): { scope: Scope; operands: string[] } {
  const global = args.global === true;
  const { app, operands } = splitTarget(global, args._);
  return { scope: resolveScope(ctx, global, app), operands };
}
