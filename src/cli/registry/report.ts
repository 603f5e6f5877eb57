import { registryReport } from "../../plugins/registry/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "registry:report",
  description: "Displays a registry report for one or more apps",
  report: registryReport,
});
