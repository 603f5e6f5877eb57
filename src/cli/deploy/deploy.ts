import { redeployApp } from "../../plugins/git/redeploy";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "deploy",
  description: "Deploy an app",
  args: {
    app: { type: "positional", required: false },
    tag: { type: "positional", required: false },
  },
  usage: "<app> [<tag>]",
  run: (args, ctx) => redeployApp(ctx, args.app, args.tag),
});
