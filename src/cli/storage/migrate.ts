import { parseStorageArgs } from "../../builders/storage-args";
import { migrateStorage } from "../../plugins/storage/migrate";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "storage:migrate",
  description: "Re-run the legacy -v to attachment migration for an app",
  usage: "[<app>|--all]",
  args: { app: { type: "positional", required: false } },
  appArgument: (rawArgs) => parseStorageArgs(rawArgs, { booleans: ["all"] }).positionals[0],
  run: (_args, ctx, rawArgs) => {
    const args = parseStorageArgs(rawArgs, { booleans: ["all"] });
    return migrateStorage(ctx, args.positionals[0], args.booleans.get("all") ?? false);
  },
});
