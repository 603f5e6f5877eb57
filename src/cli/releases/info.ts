import { showRelease } from "../../plugins/release/list";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "releases:info",
  description: "Show one release (default: the current one); config values only with --show-config",
  args: {
    app: { type: "positional", required: false },
    version: { type: "positional", required: false },
    format: { type: "string", valueHint: "stdout|json", description: "output format: stdout or json" },
    "show-config": { type: "boolean", description: "also print the config values the release ran with" },
  },
  usage: "<app> [vN] [--show-config] [--format json]",
  run: (args, ctx) =>
    showRelease(ctx, args.app, args.version, { format: args.format, showConfig: args["show-config"] === true }),
});
