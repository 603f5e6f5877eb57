import { networkReport } from "../../plugins/network/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "network:report",
  description: "Displays a network report for one or more apps",
  report: networkReport,
});
