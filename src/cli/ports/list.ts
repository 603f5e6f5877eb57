import { listPortMaps } from "../../plugins/ports/commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "ports:list",
  description: "List port mappings for an app",
  usage: "<app>",
  args: { app: { type: "positional", required: false } },
  run: (args, ctx) => listPortMaps(ctx, args.app),
});
