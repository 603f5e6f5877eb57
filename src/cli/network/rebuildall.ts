import { rebuildAllNetworks } from "../../plugins/network/rebuild";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "network:rebuildall",
  description: "Rebuild network settings for all apps",
  run: (_args, ctx) => rebuildAllNetworks(ctx),
});
