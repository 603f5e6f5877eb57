import { setAppDomains } from "../../plugins/domains/app-domains";
import { dokkuCommand, firstWordApp } from "../define-command";

export default dokkuCommand({
  name: "domains:set",
  description: "Set domains for app",
  usage: "<app> <domain> [<domain> ...]",
  args: { app: { type: "positional", required: false } },
  appArgument: firstWordApp,
  // the words as typed: a bad value such as `-bad.com` reaches validation instead of being read as a flag
  run: (_args, ctx, rawArgs) => setAppDomains(ctx, rawArgs[0], rawArgs.slice(1)),
});
