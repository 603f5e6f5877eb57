import { portsReport } from "../../plugins/ports/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "ports:report",
  description: "Displays a ports report for one or more apps",
  report: portsReport,
});
