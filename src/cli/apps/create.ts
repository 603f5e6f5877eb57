import { createApp } from "../../plugins/apps/create";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "apps:create",
  description: "Create a new app",
  args: { app: { type: "positional", required: false, description: "the new app's name" } },
  usage: "<app>",
  run: (args, ctx) => createApp(ctx, args.app),
});
