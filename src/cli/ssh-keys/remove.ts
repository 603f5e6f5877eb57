import { dokkuCommand } from "../define-command";
import { fail } from "../../core/errors";
import { removeKey } from "../../plugins/ssh-keys/key-store";

export default dokkuCommand({
  name: "ssh-keys:remove",
  rootOnly: true,
  description: "Remove SSH public key by name",
  usage: "[--fingerprint fingerprint|<name>]",
  args: {
    name: { type: "positional", required: false, description: "The name the key was added under" },
    fingerprint: {
      type: "string",
      description: "Remove the key with this fingerprint instead",
      valueHint: "fingerprint",
    },
  },
  async run(args, ctx, rawArgs) {
    const fingerprint = typeof args.fingerprint === "string" ? args.fingerprint : undefined;
    if (rawArgs.some((arg) => arg === "--fingerprint" || arg.startsWith("--fingerprint="))) {
      if (!fingerprint)
        fail("A fingerprint is required to remove a key, ie: dokku ssh-keys:remove --fingerprint FINGERPRINT", "usage");
      if (args.name) fail("Specify either a name or --fingerprint, not both", "usage");
      return removeKey(ctx, { fingerprint });
    }
    if (!args.name) fail("A name is required to remove a key, ie: dokku ssh-keys:remove <name>", "usage");
    await removeKey(ctx, { name: args.name });
  },
});
