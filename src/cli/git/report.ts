import { gitReport } from "../../plugins/git/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "git:report",
  description: "Displays a git report for one or more apps",
  report: gitReport,
});
