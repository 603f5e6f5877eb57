import { enableDomains } from "../../plugins/domains/app-domains";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "domains:enable",
  description: "Enable VHOST support",
  usage: "<app>|--all",
  args: { app: { type: "positional", required: false }, all: { type: "boolean", description: "every app" } },
  run: (args, ctx) => enableDomains(ctx, args.app, args.all === true),
});
