import type { Context } from "../core/context";
import { GLOBAL } from "../store/property-store";
import { dokkuCommand, type DokkuCommand } from "./define-command";

/**
 * `<ns>:set <app>|--global <key> [<value>]`: with --global there is no app and the words
 * shift left, as in Dokku; an empty value clears the property.
 */
export function setCommand(definition: {
  readonly name: string;
  readonly description: string;
  readonly usage?: string;
  readonly set: (ctx: Context, scope: string, key: string, value: string) => void | Promise<void>;
}): DokkuCommand {
  return dokkuCommand({
    name: definition.name,
    description: definition.description,
    args: {
      app: { type: "positional", required: false },
      key: { type: "positional", required: false },
      value: { type: "positional", required: false },
      global: { type: "boolean", description: "set a global property" },
    },
    usage: definition.usage ?? "<app>|--global <key> [<value>]",
    appArgument: (rawArgs) => {
      const { scope } = setWords(rawArgs);
      return scope === GLOBAL ? undefined : scope;
    },
    run: (_args, ctx, rawArgs) => {
      const { scope, key, value } = setWords(rawArgs);
      return definition.set(ctx, scope, key, value);
    },
  });
}

/**
 * The scope, key and value of a set command's words. From the raw words, not citty's parse:
 * a value such as `-1` or `-v` is a value, not a flag to drop (which would unset the property).
 * `--global` may stand anywhere; the other words are positional. Pure.
 */
export function setWords(rawArgs: readonly string[]): { scope: string; key: string; value: string } {
  const global = rawArgs.includes("--global");
  const words = rawArgs.filter((word) => word !== "--global");
  const [scope, key, value] = global ? [GLOBAL, words[0], words[1]] : [words[0], words[1], words[2]];
  return { scope: scope ?? "", key: key ?? "", value: value ?? "" };
}
