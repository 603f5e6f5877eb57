import { setBuilderDockerfileProperty } from "../../plugins/builder-dockerfile/set";
import { setCommand } from "../set-command";

export default setCommand({
  name: "builder-dockerfile:set",
  description: "Set or clear a builder-dockerfile property for an app",
  set: setBuilderDockerfileProperty,
});
