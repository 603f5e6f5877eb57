import { showBuild } from "../../plugins/builds/commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "builds:info",
  description: "Show details for a single build",
  args: {
    app: { type: "positional", required: false },
    id: { type: "positional", required: false },
    format: { type: "string", valueHint: "stdout|json", description: "output format: stdout or json" },
  },
  usage: "<app> <build-id> [--format json]",
  run: (args, ctx) => showBuild(ctx, args.app, args.id, args.format),
});
