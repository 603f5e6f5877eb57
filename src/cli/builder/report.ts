import { builderReport } from "../../plugins/builder/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "builder:report",
  description: "Displays a builder report for one or more apps",
  report: builderReport,
});
