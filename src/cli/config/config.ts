import { showConfig } from "../../plugins/config/queries";
import { dokkuCommand } from "../define-command";
import { APP, GLOBAL_FLAG, MERGED, targetOf } from "./args";

export default dokkuCommand({
  name: "config",
  description: "Pretty-print an app or global environment",
  usage: "(<app>|--global)",
  args: {
    app: APP,
    global: GLOBAL_FLAG,
    merged: MERGED,
    shell: { type: "boolean", description: "single-line form for command-line utilities [deprecated]" },
    export: { type: "boolean", description: "eval-compatible exports [deprecated]" },
  },
  run(args, ctx) {
    const { scope } = targetOf(ctx, args);
    showConfig(ctx, scope, { merged: args.merged === true, shell: args.shell === true, export: args.export === true });
  },
});
