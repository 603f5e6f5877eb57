import { addAppDomains } from "../../plugins/domains/app-domains";
import { dokkuCommand, firstWordApp } from "../define-command";

export default dokkuCommand({
  name: "domains:add",
  description: "Add domains to app",
  usage: "<app> <domain> [<domain> ...]",
  args: { app: { type: "positional", required: false } },
  appArgument: firstWordApp,
  // the words as typed: a bad value such as `-bad.com` reaches validation instead of being read as a flag
  run: (_args, ctx, rawArgs) => addAppDomains(ctx, rawArgs[0], rawArgs.slice(1)),
});
