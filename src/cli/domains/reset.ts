import { resetAppDomains } from "../../plugins/domains/app-domains";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "domains:reset",
  description: "Reset app domains to global-configured domains",
  usage: "<app>",
  args: { app: { type: "positional", required: false } },
  run: (args, ctx) => resetAppDomains(ctx, args.app),
});
