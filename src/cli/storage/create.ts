import { parseStorageArgs } from "../../builders/storage-args";
import { createEntry } from "../../plugins/storage/entries";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "storage:create",
  description: "Register a named storage entry",
  usage: "<name> [<path>] [--chown c] [--mode m] [--reclaim-policy p]",
  args: {
    name: { type: "positional", required: false },
    path: { type: "positional", required: false },
  },
  run: (_args, ctx, rawArgs) => {
    const args = parseStorageArgs(rawArgs, { strings: ["scheduler", "chown", "mode", "reclaim-policy"] });
    const [name, path, extra] = args.positionals;
    if (extra !== undefined) ctx.out.warn(`Ignoring extra argument: ${extra}`);
    return createEntry(ctx, {
      name,
      path,
      scheduler: args.strings.get("scheduler"),
      chown: args.strings.get("chown"),
      mode: args.strings.get("mode"),
      reclaimPolicy: args.strings.get("reclaim-policy"),
    });
  },
});
