import { proxyReport } from "../../plugins/proxy/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "proxy:report",
  description: "Displays a proxy report for one or more apps",
  report: proxyReport,
});
