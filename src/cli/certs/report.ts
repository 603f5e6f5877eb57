import { certsReport } from "../../plugins/certs/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "certs:report",
  description: "Displays an ssl report for one or more apps",
  report: certsReport,
});
