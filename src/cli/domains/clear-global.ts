import { clearGlobalDomains } from "../../plugins/domains/global-domains";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "domains:clear-global",
  description: "Clear global domain names",
  run: (_args, ctx) => clearGlobalDomains(ctx),
});
