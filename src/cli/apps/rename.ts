import { renameApp } from "../../plugins/apps/rename";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "apps:rename",
  description: "Rename an app",
  args: {
    "old-app": { type: "positional", required: false },
    "new-app": { type: "positional", required: false },
    "skip-deploy": { type: "boolean", description: "do not rebuild the renamed app" },
  },
  usage: "[--skip-deploy] <old-app> <new-app>",
  run: (args, ctx) => renameApp(ctx, args["old-app"], args["new-app"], { skipDeploy: args["skip-deploy"] === true }),
});
