import { setSwarmProperty } from "../../plugins/scheduler-swarm/set";
import { setCommand } from "../set-command";

export default setCommand({
  name: "scheduler-swarm:set",
  description: "Set or clear a scheduler-swarm property for an app or globally",
  set: setSwarmProperty,
});
