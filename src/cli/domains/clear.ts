import { clearAppDomains } from "../../plugins/domains/app-domains";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "domains:clear",
  description: "Clear all domains for app",
  usage: "<app>|--all",
  args: { app: { type: "positional", required: false }, all: { type: "boolean", description: "every app" } },
  run: (args, ctx) => clearAppDomains(ctx, args.app, args.all === true),
});
