import { swarmReport } from "../../plugins/scheduler-swarm/report";
import { reportCommand } from "../report-command";

export default reportCommand({
  name: "scheduler-swarm:report",
  description: "Displays a scheduler-swarm report for one or more apps",
  report: swarmReport,
});
