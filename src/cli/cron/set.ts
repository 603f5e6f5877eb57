import { setCronProperty } from "../../plugins/cron/set";
import { setCommand } from "../set-command";

export default setCommand({
  name: "cron:set",
  description: "Set or clear a cron property for an app",
  set: setCronProperty,
});
