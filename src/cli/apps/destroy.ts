import { destroyApp } from "../../plugins/apps/destroy";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "apps:destroy",
  description: "Permanently destroy an app",
  args: {
    app: { type: "positional", required: false },
    force: { type: "boolean", description: "destroy without asking for the app's name" },
  },
  usage: "<app> [--force]",
  run: (args, ctx) => destroyApp(ctx, args.app, { force: args.force === true }),
});
