import { dokkuCommand } from "../define-command";
import { eventsEnabled, loggedTriggers } from "../../plugins/events/properties";

export default dokkuCommand({
  name: "events:list",
  description: "List logged events",
  run(_args, ctx) {
    if (!eventsEnabled(ctx.store)) {
      ctx.out.warn("Events logger disabled");
      return;
    }
    ctx.out.heading("Events currently logged");
    ctx.out.print(loggedTriggers().join("\n"));
  },
});
