import { printPsReports, psReport } from "../../plugins/ps/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "ps:report",
  description: "Displays a process report for one or more apps",
  report: psReport,
  print: printPsReports,
});
