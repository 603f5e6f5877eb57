import { initializeRepo } from "../../plugins/git/repo-commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "git:initialize",
  description: "Initialize a git repository for an app",
  args: { app: { type: "positional", required: false } },
  usage: "<app>",
  run: (args, ctx) => initializeRepo(ctx, args.app),
});
