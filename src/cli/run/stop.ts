import { stopRuns } from "../../plugins/ps/one-off";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "run:stop",
  description: "Stops all run containers for an app or a specified run container",
  args: {
    app: { type: "positional", required: false },
    container: { type: "string", valueHint: "CONTAINER", description: "only this run container (<app>.run.<n>)" },
  },
  usage: "<app>|--container CONTAINER",
  run: (args, ctx) => stopRuns(ctx, args.app, args.container),
});
