import { inspectAppContainers } from "../../plugins/ps/inspect";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "ps:inspect",
  description: "Displays a sanitized version of docker inspect for an app",
  args: { app: { type: "positional", required: false } },
  usage: "<app>",
  run: (args, ctx) => inspectAppContainers(ctx, args.app),
});
