import { listApps } from "../../plugins/apps/list";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "apps:list",
  description: "List your apps",
  args: { format: { type: "string", valueHint: "stdout|json", description: "output format: stdout or json" } },
  run: (args, ctx) => listApps(ctx, args.format),
});
