import { parseStorageArgs } from "../../builders/storage-args";
import { destroyEntry } from "../../plugins/storage/entries";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "storage:destroy",
  description: "Remove a named storage entry (must be unmounted from every app first)",
  usage: "<name> [--force] [--destroy-host-dir]",
  args: { name: { type: "positional", required: false } },
  run: (_args, ctx, rawArgs) => {
    const args = parseStorageArgs(rawArgs, { booleans: ["force", "destroy-host-dir"] });
    return destroyEntry(ctx, args.positionals[0], {
      force: args.booleans.get("force") ?? false,
      destroyHostDir: args.booleans.get("destroy-host-dir") ?? false,
    });
  },
});
