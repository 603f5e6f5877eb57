import { checksReport } from "../../plugins/checks/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "checks:report",
  description: "Displays a checks report for one or more apps",
  report: checksReport,
});
