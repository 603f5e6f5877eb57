import { printUrls } from "../../plugins/ps/urls";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "url",
  description: "Show the first URL for an application (compatibility)",
  args: { app: { type: "positional", required: false } },
  usage: "<app>",
  run: (args, ctx) => printUrls(ctx, args.app, true),
});
