import { setProxyProperty } from "../../plugins/proxy/set";
import { setCommand } from "../set-command";

export default setCommand({
  name: "proxy:set",
  description: "Set or clear a proxy property for an app (or its proxy type: proxy:set <app> nginx)",
  usage: "<app>|--global <key> [<value>]",
  set: setProxyProperty,
});
