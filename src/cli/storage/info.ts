import { parseStorageArgs } from "../../builders/storage-args";
import { entryInfo } from "../../plugins/storage/entries";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "storage:info",
  description: "Show details for one storage entry",
  usage: "<name> [--format text|json]",
  args: { name: { type: "positional", required: false } },
  run: (_args, ctx, rawArgs) => {
    const args = parseStorageArgs(rawArgs, { strings: ["format"] });
    entryInfo(ctx, args.positionals[0], args.strings.get("format"));
  },
});
