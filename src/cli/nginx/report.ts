import { nginxReport } from "../../plugins/nginx/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "nginx:report",
  description: "Displays an nginx report for one or more apps",
  report: nginxReport,
});
