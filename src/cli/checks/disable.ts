import { setChecksMode } from "../../plugins/checks/toggle";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "checks:disable",
  description:
    "Disable zero-downtime deployment for all processes (or comma-separated process-type list) ***WARNING: this will cause downtime during deployments***",
  args: { app: { type: "positional", required: false }, types: { type: "positional", required: false } },
  usage: "<app> [process-type(s)]",
  run: (args, ctx) => setChecksMode(ctx, args.app, args.types, "disable"),
});
