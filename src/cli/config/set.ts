import { parsePairs } from "../../plugins/config/keys";
import { setConfig } from "../../plugins/config/mutations";
import { dokkuCommand } from "../define-command";
import { APP, GLOBAL_FLAG, NO_RESTART, targetOf } from "./args";

export default dokkuCommand({
  name: "config:set",
  description: "Set one or more config vars",
  usage: "[--encoded] [--no-restart] (<app>|--global) KEY1=VALUE1 [KEY2=VALUE2 ...]",
  args: {
    app: APP,
    global: GLOBAL_FLAG,
    encoded: { type: "boolean", description: "interpret VALUEs as base64" },
    restart: NO_RESTART,
  },
  async run(args, ctx) {
    const { scope, operands } = targetOf(ctx, args);
    await setConfig(ctx, scope, parsePairs(operands, args.encoded === true), { restart: args.restart !== false });
  },
});
