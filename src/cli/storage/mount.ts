import { mountStorage } from "../../plugins/storage/mounts";
import { dokkuCommand, firstWordApp } from "../define-command";

export default dokkuCommand({
  name: "storage:mount",
  description: "Create a new bind mount",
  usage: "<app> <host-dir:container-dir[:ro]>",
  args: { app: { type: "positional", required: false } },
  appArgument: firstWordApp,
  // the words as typed: a mount such as `-x:/y` reaches validation instead of being read as a flag
  run: (_args, ctx, rawArgs) => mountStorage(ctx, rawArgs[0], rawArgs[1]),
});
