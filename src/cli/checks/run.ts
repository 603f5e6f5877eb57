import { runAppChecks } from "../../plugins/checks/checks-run";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "checks:run",
  description: "Runs zero-downtime checks for all processes (or comma-separated process-type list)",
  args: { app: { type: "positional", required: false }, types: { type: "positional", required: false } },
  usage: "<app> [process-type(s)]",
  run: (args, ctx) => runAppChecks(ctx, args.app, args.types),
});
