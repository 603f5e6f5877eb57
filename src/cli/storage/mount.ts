import { mountStorage } from "../../plugins/storage/mounts";
import { dokkuCommand } from "../define-command";
import { mountRequest } from "./mount-args";

export default dokkuCommand({
  name: "storage:mount",
  description: "Create a new bind mount",
  usage: "<app> <host-dir:container-dir>|<entry> --container-dir <path> [flags]",
  args: { app: { type: "positional", required: false } },
  appArgument: (rawArgs) => mountRequest(rawArgs, "mount").app,
  run: (_args, ctx, rawArgs) => mountStorage(ctx, mountRequest(rawArgs, "mount")),
});
