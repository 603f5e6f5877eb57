import { validateNginx } from "../../plugins/nginx/server";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "nginx:validate-config",
  description: "Validates and optionally cleans up invalid nginx configurations",
  args: {
    app: { type: "positional", required: false },
    clean: { type: "boolean", description: "remove the app configs nginx refuses" },
  },
  usage: "[<app>] [--clean]",
  run: (args, ctx) => validateNginx(ctx, args.app, args.clean === true),
});
