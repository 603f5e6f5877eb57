import { setPortMaps } from "../../plugins/ports/commands";
import { dokkuCommand, firstWordApp } from "../define-command";

export default dokkuCommand({
  name: "ports:set",
  description: "Set port mappings for an app",
  usage: "<app> <scheme>:<host-port>:<container-port> [<scheme>:<host-port>:<container-port>...]",
  args: { app: { type: "positional", required: false } },
  appArgument: firstWordApp,
  // the words as typed: a bad value such as `-bad.com` reaches validation instead of being read as a flag
  run: (_args, ctx, rawArgs) => setPortMaps(ctx, rawArgs[0], rawArgs.slice(1)),
});
