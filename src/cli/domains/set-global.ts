import { setGlobalDomains } from "../../plugins/domains/global-domains";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "domains:set-global",
  description: "Set global domain names",
  usage: "<domain> [<domain> ...]",
  run: (_args, ctx, rawArgs) => setGlobalDomains(ctx, rawArgs),
});
