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
  run(args: ParsedArgs<A>, ctx: Context, rawArgs: readonly string[]): void | Promise<void>;
}

export function dokkuCommand<const A extends ArgsDef>(definition: DokkuCommandDefinition<A>): DokkuCommand {
  const command = defineCommand<A>({
    meta: { name: definition.name, description: definition.description, hidden: definition.hidden },
    args: definition.args,
    run: ({ args, data, rawArgs }) => definition.run(args, data as Context, rawArgs),
  });
  return Object.assign(command, { usage: definition.usage, rootOnly: definition.rootOnly, recovery: definition.recovery }) as unknown as DokkuCommand;
}

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
