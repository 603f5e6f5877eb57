import { setReleasesProperty } from "../../plugins/release/set";
import { setCommand } from "../set-command";

export default setCommand({
  name: "releases:set",
  description: "Set how many of the newest releases keep their images (keep, default 5)",
  usage: "<app>|--global keep [<N>]",
  set: setReleasesProperty,
});
