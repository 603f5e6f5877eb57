import { formatValue, getConfigValue } from "../../plugins/config/queries";
import { dokkuCommand } from "../define-command";
import { APP, GLOBAL_FLAG, targetOf } from "./args";

export default dokkuCommand({
  name: "config:get",
  description: "Display a global or app-specific config value",
  usage: "[--quoted] (<app>|--global) KEY",
  args: { app: APP, global: GLOBAL_FLAG, quoted: { type: "boolean", description: "get the value quoted" } },
  run(args, ctx) {
    const { scope, operands } = targetOf(ctx, args);
    ctx.out.print(formatValue(getConfigValue(ctx, scope, operands), args.quoted === true));
  },
});
