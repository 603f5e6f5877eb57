import { dokkuCommand } from "../define-command";
import { setTraceEnabled } from "../../plugins/trace/properties";

export default dokkuCommand({
  name: "trace:off",
  description: "Disable trace mode",
  run(_args, ctx) {
    ctx.out.step("Disabling trace mode");
    setTraceEnabled(ctx, false);
  },
});
