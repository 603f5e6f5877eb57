import { addGlobalDomains } from "../../plugins/domains/global-domains";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "domains:add-global",
  description: "Add global domain names",
  usage: "<domain> [<domain> ...]",
  run: (_args, ctx, rawArgs) => addGlobalDomains(ctx, rawArgs),
});
