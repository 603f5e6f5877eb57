import { appJsonReport } from "../../plugins/app-json/properties";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "app-json:report",
  description: "Displays a app-json report for one or more apps",
  report: appJsonReport,
});
