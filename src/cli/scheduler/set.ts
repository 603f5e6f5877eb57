import { setSchedulerProperty } from "../../plugins/scheduler/set";
import { setCommand } from "../set-command";

export default setCommand({
  name: "scheduler:set",
  description: "Set or clear a scheduler property for an app",
  set: setSchedulerProperty,
});
