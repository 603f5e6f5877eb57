import { printPublicKey } from "../../plugins/git/repo-commands";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "git:public-key",
  description: "Outputs the dokku public deploy key",
  run: (_args, ctx) => printPublicKey(ctx),
});
