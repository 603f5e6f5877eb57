import { gcRepo } from "../../plugins/repo/gc";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "repo:gc",
  description: "Runs 'git gc --aggressive' against the application's repo",
  usage: "<app>",
  args: { app: { type: "positional", required: false } },
  run: (args, ctx) => gcRepo(ctx, args.app),
});
