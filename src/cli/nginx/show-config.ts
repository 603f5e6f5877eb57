import { showNginxConfig } from "../../plugins/nginx/server";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "nginx:show-config",
  description: "Display app nginx config",
  args: { app: { type: "positional", required: false } },
  usage: "<app>",
  run: (args, ctx) => showNginxConfig(ctx, args.app),
});
