import { dokkuCommand } from "../define-command";
import { addKeyFrom } from "../../plugins/ssh-keys/key-store";

export default dokkuCommand({
  name: "ssh-keys:add",
  rootOnly: true,
  description: "Add a new public key by pipe or path",
  usage: "<name> [/path/to/key]",
  args: {
    name: { type: "positional", required: false, description: "A unique name for the key" },
    file: { type: "positional", required: false, description: "The public key file; stdin when absent or -" },
  },
  async run(args, ctx) {
    ctx.out.print(await addKeyFrom(ctx, args.name ?? "", args.file));
  },
});
