import { schedulerReport } from "../../plugins/scheduler/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "scheduler:report",
  description: "Displays a scheduler report for one or more apps",
  report: schedulerReport,
});
