import { setNetworkProperty } from "../../plugins/network/set";
import { GLOBAL } from "../../store/property-store";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "network:set",
  description: "Set or clear a network property for an app",
  usage: "<app>|--global <property> [<value> ...]",
  args: {
    app: { type: "positional", required: false },
    global: { type: "boolean", description: "set a global property" },
  },
  appArgument: (rawArgs) => (rawArgs.includes("--global") ? undefined : rawArgs[0]),
  // the words as typed, so several networks can follow the property
  run: (_args, ctx, rawArgs) => {
    const global = rawArgs.includes("--global");
    const words = rawArgs.filter((word) => word !== "--global");
    const [scope, property, ...values] = global ? [GLOBAL, ...words] : words;
    return setNetworkProperty(ctx, scope, property, values);
  },
});
