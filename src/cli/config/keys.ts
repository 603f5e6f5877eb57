import { readScopeEnv } from "../../plugins/config/env-store";
import { sortedKeys } from "../../plugins/config/keys";
import { dokkuCommand } from "../define-command";
import { APP, GLOBAL_FLAG, MERGED, targetOf } from "./args";

export default dokkuCommand({
  name: "config:keys",
  description: "Show keys set in environment",
  usage: "[--merged] (<app>|--global)",
  args: { app: APP, global: GLOBAL_FLAG, merged: MERGED },
  run(args, ctx) {
    const { scope } = targetOf(ctx, args);
    for (const key of sortedKeys(readScopeEnv(ctx, scope, args.merged === true))) ctx.out.print(key);
  },
});
