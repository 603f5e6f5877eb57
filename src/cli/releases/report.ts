import { releasesReport } from "../../plugins/release/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "releases:report",
  description: "Displays a releases report for one or more apps",
  report: releasesReport,
});
