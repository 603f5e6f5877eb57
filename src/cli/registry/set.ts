import { setRegistryProperty } from "../../plugins/registry/set";
import { setCommand } from "../set-command";

export default setCommand({
  name: "registry:set",
  description: "Set or clear a registry property for an app",
  set: setRegistryProperty,
});
