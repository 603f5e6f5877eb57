import { setAppJsonProperty } from "../../plugins/app-json/properties";
import { setCommand } from "../set-command";

export default setCommand({
  name: "app-json:set",
  description: "Set or clear a app-json property for an app",
  set: setAppJsonProperty,
});
