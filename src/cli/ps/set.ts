import { setPsProperty } from "../../plugins/ps/set";
import { setCommand } from "../set-command";

export default setCommand({
  name: "ps:set",
  description: "Set or clear a ps property for an app",
  set: setPsProperty,
});
