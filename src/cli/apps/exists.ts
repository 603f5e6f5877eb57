import { verifyApp } from "../../core/app-guard";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "apps:exists",
  description: "Checks if an app exists",
  args: { app: { type: "positional", required: false } },
  usage: "<app>",
  run: (args, ctx) => {
    verifyApp(ctx, args.app);
  },
});
