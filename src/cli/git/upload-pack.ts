import { uploadPack } from "../../plugins/git/transport";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "git-upload-pack",
  description: "Serves a git clone or fetch (run by sshd as the forced command)",
  hidden: true,
  args: { repo: { type: "positional", required: false } },
  run: (args, ctx) => uploadPack(ctx, args.repo),
});
