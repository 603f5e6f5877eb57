import { dokkuCommand } from "../define-command";
import { setTraceEnabled } from "../../plugins/trace/trace-file";

export default dokkuCommand({
  name: "trace:off",
  description: "Disable trace mode",
  run(_args, ctx) {
    ctx.out.step("Disabling trace mode");
    setTraceEnabled(ctx, false);
  },
});
