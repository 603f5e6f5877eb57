import { clearConfig } from "../../plugins/config/mutations";
import { dokkuCommand } from "../define-command";
import { APP, GLOBAL_FLAG, NO_RESTART, targetOf } from "./args";

export default dokkuCommand({
  name: "config:clear",
  description: "Clears environment variables",
  usage: "[--no-restart] (<app>|--global)",
  args: { app: APP, global: GLOBAL_FLAG, restart: NO_RESTART },
  async run(args, ctx) {
    const { scope } = targetOf(ctx, args);
    await clearConfig(ctx, scope, args.restart !== false);
  },
});
