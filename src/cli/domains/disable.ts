import { disableDomains } from "../../plugins/domains/app-domains";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "domains:disable",
  description: "Disable VHOST support",
  usage: "<app>|--all",
  args: { app: { type: "positional", required: false }, all: { type: "boolean", description: "every app" } },
  run: (args, ctx) => disableDomains(ctx, args.app, args.all === true),
});
