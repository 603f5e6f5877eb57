import { cloneApp } from "../../plugins/apps/rename";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "apps:clone",
  description: "Clones an app",
  args: {
    "old-app": { type: "positional", required: false },
    "new-app": { type: "positional", required: false },
    "skip-deploy": { type: "boolean", description: "do not deploy the new app" },
    "ignore-existing": { type: "boolean", description: "succeed, with a warning, when the new app already exists" },
  },
  usage: "[--ignore-existing] [--skip-deploy] <old-app> <new-app>",
  run: (args, ctx) =>
    cloneApp(ctx, args["old-app"], args["new-app"], {
      skipDeploy: args["skip-deploy"] === true,
      ignoreExisting: args["ignore-existing"] === true,
    }),
});
