import { setBuildpacksProperty } from "../../plugins/buildpacks/commands";
import { setCommand } from "../set-command";

export default setCommand({
  name: "buildpacks:set-property",
  description: "Set or clear a buildpacks property for an app",
  usage: "[--global|<app>] <key> <value>",
  set: setBuildpacksProperty,
});
