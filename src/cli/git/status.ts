import { repoStatus } from "../../plugins/git/repo-commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "git:status",
  description: "Show the working tree status for an app",
  args: { app: { type: "positional", required: false } },
  usage: "<app>",
  run: (args, ctx) => repoStatus(ctx, args.app),
});
