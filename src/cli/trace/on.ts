import { dokkuCommand } from "../define-command";
import { setTraceEnabled } from "../../plugins/trace/trace-file";

export default dokkuCommand({
  name: "trace:on",
  description: "Enable trace mode",
  run(_args, ctx) {
    ctx.out.step("Enabling trace mode");
    setTraceEnabled(ctx, true);
  },
});
