import { unsetConfig } from "../../plugins/config/mutations";
import { dokkuCommand } from "../define-command";
import { APP, GLOBAL_FLAG, NO_RESTART, targetOf } from "./args";

export default dokkuCommand({
  name: "config:unset",
  description: "Unset one or more config vars",
  usage: "[--no-restart] (<app>|--global) KEY1 [KEY2 ...]",
  args: { app: APP, global: GLOBAL_FLAG, restart: NO_RESTART },
  async run(args, ctx) {
    const { scope, operands } = targetOf(ctx, args);
    await unsetConfig(ctx, scope, operands, args.restart !== false);
  },
});
