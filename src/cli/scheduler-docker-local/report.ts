import { dockerLocalReport } from "../../plugins/scheduler/docker-local-settings";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "scheduler-docker-local:report",
  description: "Displays a scheduler-docker-local report for one or more apps",
  report: dockerLocalReport,
});
