import { cronReport } from "../../plugins/cron/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "cron:report",
  description: "Displays a cron report for one or more apps",
  report: cronReport,
});
