import { runGitHook } from "../../plugins/git/hook";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "git-hook",
  description: "Deploys a push: run by the app repo's pre-receive hook with git's ref lines on stdin",
  hidden: true,
  args: { app: { type: "positional", required: false } },
  run: async (args, ctx) => runGitHook(ctx, args.app, await ctx.input.readAll()),
});
