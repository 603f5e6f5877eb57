import { resourceReport } from "../../plugins/resource/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "resource:report",
  description: "Displays a resource report for one or more apps",
  report: resourceReport,
});
