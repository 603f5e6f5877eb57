import { showConfig } from "../../plugins/config/queries";
import { dokkuCommand } from "../define-command";
import { APP, GLOBAL_FLAG, MERGED, targetOf } from "./args";

export default dokkuCommand({
  name: "config:show",
  description: "Show keys set in environment",
  usage: "[--merged] (<app>|--global)",
  args: { app: APP, global: GLOBAL_FLAG, merged: MERGED },
  run(args, ctx) {
    const { scope } = targetOf(ctx, args);
    showConfig(ctx, scope, { merged: args.merged === true });
  },
});
