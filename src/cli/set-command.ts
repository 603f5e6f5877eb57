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
    run: (args, ctx) => {
      const [scope, key, value] = args.global ? [GLOBAL, args.app, args.key] : [args.app, args.key, args.value];
      return definition.set(ctx, scope ?? "", key ?? "", value ?? "");
    },
  });
}
