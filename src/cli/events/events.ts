import { dokkuCommand } from "../define-command";
import { showEvents } from "../../plugins/events/follow";

export default dokkuCommand({
  name: "events",
  description: "Show the last events (-t follows)",
  usage: "[-t]",
  args: {
    tail: { type: "boolean", alias: "t", description: "Follow the log until interrupted" },
  },
  async run(args, ctx) {
    await showEvents(ctx, args.tail === true);
  },
});
