import { printUrls } from "../../plugins/ps/urls";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "urls",
  description: "Show all URLs for an application",
  args: { app: { type: "positional", required: false } },
  usage: "<app>",
  run: (args, ctx) => printUrls(ctx, args.app, false),
});
