import { listReleases } from "../../plugins/release/list";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "releases",
  description: "List an app's releases, newest first, the current one marked",
  args: {
    app: { type: "positional", required: false },
    format: { type: "string", valueHint: "stdout|json", description: "output format: stdout or json" },
  },
  usage: "<app> [--format json]",
  run: (args, ctx) => listReleases(ctx, args.app, args.format),
});
