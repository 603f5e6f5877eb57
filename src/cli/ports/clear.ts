import { clearPortMaps } from "../../plugins/ports/commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "ports:clear",
  description: "Clear all port mappings for an app",
  usage: "<app>",
  args: { app: { type: "positional", required: false } },
  run: (args, ctx) => clearPortMaps(ctx, args.app),
});
