import { unmountStorage } from "../../plugins/storage/mounts";
import { dokkuCommand, firstWordApp } from "../define-command";

export default dokkuCommand({
  name: "storage:unmount",
  description: "Remove an existing bind mount",
  usage: "<app> <host-dir:container-dir>",
  args: { app: { type: "positional", required: false } },
  appArgument: firstWordApp,
  run: (_args, ctx, rawArgs) => unmountStorage(ctx, rawArgs[0], rawArgs[1]),
});
