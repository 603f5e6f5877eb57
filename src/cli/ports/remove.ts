import { removePortMaps } from "../../plugins/ports/commands";
import { dokkuCommand, firstWordApp } from "../define-command";

export default dokkuCommand({
  name: "ports:remove",
  description: "Remove specific port mappings from an app",
  usage: "<app> <host-port> [<host-port>|<scheme>:<host-port>:<container-port>...]",
  args: { app: { type: "positional", required: false } },
  appArgument: firstWordApp,
  // the words as typed: a bad value such as `-bad.com` reaches validation instead of being read as a flag
  run: (_args, ctx, rawArgs) => removePortMaps(ctx, rawArgs[0], rawArgs.slice(1)),
});
