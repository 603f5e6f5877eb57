import { dokkuCommand } from "../define-command";
import { setEventsEnabled } from "../../plugins/events/properties";

export default dokkuCommand({
  name: "events:on",
  description: "Enable events logger",
  run(_args, ctx) {
    ctx.out.print("Enabling dokku events logger");
    setEventsEnabled(ctx, true);
  },
});
