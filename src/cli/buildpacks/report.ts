import { buildpacksReport } from "../../plugins/buildpacks/properties";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "buildpacks:report",
  description: "Displays a buildpack report for one or more apps",
  report: buildpacksReport,
});
