import { setGitProperty } from "../../plugins/git/set";
import { setCommand } from "../set-command";

export default setCommand({
  name: "git:set",
  description: "Set or clear a git property for an app",
  usage: "<app>|--global <property> (<value>)",
  set: setGitProperty,
});
