import { setChecksProperty } from "../../plugins/checks/set";
import { setCommand } from "../set-command";

export default setCommand({
  name: "checks:set",
  description: "Set or clear a checks property for an app",
  usage: "<app>|--global <key> [<value>]",
  set: setChecksProperty,
});
