import { showBuildOutput } from "../../plugins/builds/commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "builds:output",
  description: "Show build output (follows a running build, prints a finished one)",
  args: {
    app: { type: "positional", required: false },
    id: { type: "positional", required: false },
  },
  usage: "<app> [<build-id>|current]",
  run: (args, ctx) => showBuildOutput(ctx, args.app, args.id),
});
