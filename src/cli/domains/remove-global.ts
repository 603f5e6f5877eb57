import { removeGlobalDomains } from "../../plugins/domains/global-domains";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "domains:remove-global",
  description: "Remove global domain names",
  usage: "<domain> [<domain> ...]",
  run: (_args, ctx, rawArgs) => removeGlobalDomains(ctx, rawArgs),
});
