import type { DokkuCommand } from "./define-command";

export type CommandLoader = () => Promise<{ default: DokkuCommand }>;

/** A group of commands sharing a prefix: `apps` holds `apps:create`, `apps:list`, ... */
export interface Namespace {
  readonly name: string;
  readonly description: string;
  /** Full command names to lazy loaders; the module is evaluated only when run or listed. */
  readonly commands: Readonly<Record<string, CommandLoader>>;
  /** The command run for the bare namespace (`dokku apps` runs `apps:list`). */
  readonly defaultCommand?: string;
}
