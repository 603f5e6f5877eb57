import { domainsReport } from "../../plugins/domains/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "domains:report",
  description: "Displays a domains report for one or more apps",
  report: domainsReport,
});
