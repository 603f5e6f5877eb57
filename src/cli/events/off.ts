import { dokkuCommand } from "../define-command";
import { setEventsEnabled } from "../../plugins/events/properties";

export default dokkuCommand({
  name: "events:off",
  description: "Disable events logger",
  run(_args, ctx) {
    ctx.out.print("Disabling dokku events logger");
    setEventsEnabled(ctx, false);
  },
});
