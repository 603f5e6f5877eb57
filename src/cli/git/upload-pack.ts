import { appFromRepoArg, uploadPack } from "../../plugins/git/transport";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "git-upload-pack",
  description: "Serves a git clone or fetch (run by sshd as the forced command)",
  hidden: true,
  args: { repo: { type: "positional", required: false } },
  // the app the repo names, for user-auth: `git-receive-pack '/app'` acts on app
  appArgument: (rawArgs) => appFromRepoArg(rawArgs.find((word) => !word.startsWith("-"))),
  run: (args, ctx) => uploadPack(ctx, args.repo),
});
