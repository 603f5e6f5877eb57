import { setAppsProperty } from "../../plugins/apps/set";
import { GLOBAL } from "../../store/property-store";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "apps:set",
  description: "Set or clear an apps property for an app",
  args: {
    app: { type: "positional", required: false },
    key: { type: "positional", required: false },
    value: { type: "positional", required: false },
    global: { type: "boolean", description: "set a global property" },
  },
  usage: "<app>|--global <key> [<value>]",
  run: (args, ctx) => {
    // with --global there is no app: the words shift left, as in Dokku
    const [scope, key, value] = args.global ? [GLOBAL, args.app, args.key] : [args.app, args.key, args.value];
    return setAppsProperty(ctx, scope, key ?? "", value ?? "");
  },
});
