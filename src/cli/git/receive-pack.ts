import { receivePack } from "../../plugins/git/transport";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "git-receive-pack",
  description: "Receives a git push (run by sshd as the forced command)",
  hidden: true,
  args: { repo: { type: "positional", required: false } },
  run: (args, ctx) => receivePack(ctx, args.repo),
});
