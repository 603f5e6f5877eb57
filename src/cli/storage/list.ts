import { listStorage } from "../../plugins/storage/mounts";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "storage:list",
  description: "List bind mounts for app's container(s) (host:container)",
  usage: "<app> [--format text|json]",
  args: {
    app: { type: "positional", required: false },
    format: { type: "string", valueHint: "text|json", description: "output format: text or json" },
  },
  run: (args, ctx) => listStorage(ctx, args.app, args.format),
});
