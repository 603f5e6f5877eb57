import { rollbackApp } from "../../plugins/release/rollback";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "releases:rollback",
  description: "Deploy an earlier release's image with its config as a new release (default: the previous release)",
  args: {
    app: { type: "positional", required: false },
    version: { type: "positional", required: false },
  },
  usage: "<app> [vN]",
  run: (args, ctx) => rollbackApp(ctx, args.app, args.version),
});
