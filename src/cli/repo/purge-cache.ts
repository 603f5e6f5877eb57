import { purgeCache } from "../../plugins/repo/purge-cache";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "repo:purge-cache",
  description: "Deletes the contents of the build cache stored in the repository",
  usage: "<app>",
  args: { app: { type: "positional", required: false } },
  run: (args, ctx) => purgeCache(ctx, args.app),
});
