import { listRuns } from "../../plugins/ps/one-off";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "run:list",
  description: "List all run containers for an app",
  args: {
    app: { type: "positional", required: false },
    format: { type: "string", valueHint: "stdout|json", description: "output format: stdout or json" },
  },
  usage: "<app> [--format stdout|json]",
  run: (args, ctx) => listRuns(ctx, args.app, args.format),
});
