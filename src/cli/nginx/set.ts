import { setNginxProperty } from "../../plugins/nginx/set";
import { setCommand } from "../set-command";

export default setCommand({
  name: "nginx:set",
  description: "Set or clear an nginx property for an app",
  set: setNginxProperty,
});
