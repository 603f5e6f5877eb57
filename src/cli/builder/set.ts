import { setBuilderProperty } from "../../plugins/builder/set";
import { setCommand } from "../set-command";

export default setCommand({
  name: "builder:set",
  description: "Set or clear a builder property for an app",
  set: setBuilderProperty,
});
