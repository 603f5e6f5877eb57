import { parseStorageArgs } from "../../builders/storage-args";
import { execStorage } from "../../plugins/storage/exec";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "storage:exec",
  description: "Run a command (or shell) in a temporary container that mounts the entry",
  usage: "<name> [--image <image>] [--as-user <uid>] [-- <cmd>...]",
  args: { name: { type: "positional", required: false } },
  run: (_args, ctx, rawArgs) => {
    const args = parseStorageArgs(rawArgs, { strings: ["image", "as-user"] });
    const [name, ...command] = args.positionals;
    return execStorage(ctx, { name, image: args.strings.get("image"), asUser: args.strings.get("as-user"), command });
  },
});
