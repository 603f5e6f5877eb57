import { unmountStorage } from "../../plugins/storage/mounts";
import { dokkuCommand } from "../define-command";
import { mountRequest } from "./mount-args";

export default dokkuCommand({
  name: "storage:unmount",
  description: "Remove an existing bind mount",
  usage: "<app> <host-dir:container-dir>|<entry> [--container-dir <path>]",
  args: { app: { type: "positional", required: false } },
  appArgument: (rawArgs) => mountRequest(rawArgs, "unmount").app,
  run: (_args, ctx, rawArgs) => unmountStorage(ctx, mountRequest(rawArgs, "unmount")),
});
