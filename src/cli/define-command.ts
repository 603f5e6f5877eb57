import { defineCommand, type ArgsDef, type CommandDef, type ParsedArgs } from "citty";
import type { Context } from "../core/context";

/** A citty command whose run receives the parsed args and our context. */
export type DokkuCommand = CommandDef<ArgsDef> & {
  readonly meta: { name: string; description: string; hidden?: boolean };
  /** Only root may run it (ssh-keys:add/remove as in Dokku): never the dokku user over SSH. */
  readonly rootOnly?: boolean;
  /**
   * A recovery command (plugin:list|report|enable|disable|uninstall): root at the server's own
   * shell runs it without asking the user-auth plugins, so a plugin that refuses, traps or loops
   * there can always be listed, disabled and removed (cli/authorize.ts).
   */
  readonly recovery?: boolean;
  /** Overrides the argument line in help (e.g. `<app>|--global <key> <value>`). */
  readonly usage?: string;
  /** Whether its run reads the raw words itself (its own parser) rather than citty's parse. */
  readonly readsRawArgs?: boolean;
  /**
   * The app a command line acts on, read by the command's own parser: for commands that read the
   * raw words and take an app, so `user-auth` is told the app the command will really act on.
   */
  readonly appArgument?: (rawArgs: readonly string[]) => string | undefined;
};

export interface DokkuCommandDefinition<A extends ArgsDef> {
  /** Full name, `namespace:command` or the bare namespace for its default command. */
  readonly name: string;
  readonly description: string;
  readonly args?: A;
  readonly usage?: string;
  readonly hidden?: boolean;
  readonly rootOnly?: boolean;
  readonly recovery?: boolean;
  /** Required when `run` reads the raw words and the command takes an app: the same reading of its app. */
  readonly appArgument?: (rawArgs: readonly string[]) => string | undefined;
  run(args: ParsedArgs<A>, ctx: Context, rawArgs: readonly string[]): void | Promise<void>;
}

export function dokkuCommand<const A extends ArgsDef>(definition: DokkuCommandDefinition<A>): DokkuCommand {
  const command = defineCommand<A>({
    meta: { name: definition.name, description: definition.description, hidden: definition.hidden },
    args: definition.args,
    run: ({ args, data, rawArgs }) => definition.run(args, data as Context, rawArgs),
  });
  return Object.assign(command, {
    usage: definition.usage,
    rootOnly: definition.rootOnly,
    recovery: definition.recovery,
    readsRawArgs: definition.run.length >= 3,
    appArgument: definition.appArgument,
  }) as unknown as DokkuCommand;
}

/** `appArgument` of a command whose run takes its app as the first raw word (`domains:add <app> ...`). */
export const firstWordApp = (rawArgs: readonly string[]): string | undefined => rawArgs[0];

/** The argument line shown in help: from `usage`, else built from the arg definitions. */
export function usageLine(command: DokkuCommand): string {
  if (command.usage !== undefined) return command.usage;
  const args = (command.args ?? {}) as ArgsDef;
  const parts: string[] = [];
  for (const [name, def] of Object.entries(args)) {
    if (def.type === "positional") parts.push(def.required === false ? `[<${name}>]` : `<${name}>`);
  }
  for (const [name, def] of Object.entries(args)) {
    if (def.type === "boolean") parts.push(`[--${name}]`);
    else if (def.type === "string") parts.push(`[--${name} ${def.valueHint ?? name.toUpperCase()}]`);
    else if (def.type === "enum") parts.push(`[--${name} ${(def.options ?? []).join("|")}]`);
  }
  return parts.join(" ");
}
