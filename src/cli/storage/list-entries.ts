import { parseStorageArgs } from "../../builders/storage-args";
import { listEntriesCommand } from "../../plugins/storage/entries";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "storage:list-entries",
  description: "List registered storage entries",
  usage: "[--scheduler docker-local] [--format text|json]",
  run: (_args, ctx, rawArgs) => {
    const args = parseStorageArgs(rawArgs, { strings: ["scheduler", "format"] });
    listEntriesCommand(ctx, args.strings.get("scheduler"), args.strings.get("format"));
  },
});
