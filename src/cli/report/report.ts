import { printFullReport } from "../../plugins/apps/report";
import { dokkuCommand } from "../define-command";

export default dokkuCommand({
  name: "report",
  description: "Display all reports for an app (or every app)",
  args: {
    app: { type: "positional", required: false },
    format: {
      type: "string",
      valueHint: "stdout|json",
      description: "output format: stdout or json (one object per section)",
    },
  },
  run: (args, ctx) => printFullReport(ctx, args.app, args.format),
});
