import { builderDockerfileReport } from "../../plugins/builder-dockerfile/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "builder-dockerfile:report",
  description: "Displays a builder-dockerfile report for one or more apps",
  report: builderDockerfileReport,
});
