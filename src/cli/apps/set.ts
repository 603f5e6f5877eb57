import { setAppsProperty } from "../../plugins/apps/set";
import { setCommand } from "../set-command";

export default setCommand({
  name: "apps:set",
  description: "Set or clear an apps property for an app",
  set: setAppsProperty,
});
