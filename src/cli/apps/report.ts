import { appsReport } from "../../plugins/apps/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "apps:report",
  description: "Display report about an app",
  report: appsReport,
});
