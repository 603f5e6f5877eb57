import { setDockerLocalProperty } from "../../plugins/scheduler/docker-local-settings";
import { setCommand } from "../set-command";

export default setCommand({
  name: "scheduler-docker-local:set",
  description: "Set or clear a scheduler-docker-local property for an app or globally",
  set: setDockerLocalProperty,
});
