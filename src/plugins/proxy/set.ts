import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { setPluginProperty } from "../property-set";
import {
  DOKKU_PROXY_TYPES,
  isDrivenProxyType,
  PROXY_GLOBAL_PROPERTIES,
  PROXY_PLUGIN,
  PROXY_PROPERTIES,
} from "./properties";

/**
 * `proxy:set <app>|--global <key> <value>`, and Dokku's older `proxy:set <app> <proxy-type>`
 * (a lone word that is no property is the type). Dokku's proxy types are all taken, as Dokku
 * takes them; one this build cannot drive is set with a warning that apps of that type get no
 * proxy config here. A word that is no proxy type Dokku knows is refused.
 */
export async function setProxyProperty(ctx: Context, scope: string, keyArg: string, valueArg: string): Promise<void> {
  let [key, value] = [keyArg, valueArg];
  if (value === "" && key !== "" && !(PROXY_PROPERTIES as readonly string[]).includes(key)) {
    if (key.includes(":")) {
      ctx.out.warn("Detected potential port mapping instead of proxy type");
      fail("Consider using ports:set command or specifying a valid proxy");
    }
    [key, value] = ["type", key];
  }
  await setPluginProperty(ctx, {
    plugin: PROXY_PLUGIN,
    scope,
    key,
    value,
    properties: PROXY_PROPERTIES,
    globalProperties: PROXY_GLOBAL_PROPERTIES,
    validate: (property, given) => {
      if (property === "type" && !(DOKKU_PROXY_TYPES as readonly string[]).includes(given))
        return `Invalid proxy type ${given}, valid types: ${DOKKU_PROXY_TYPES.join(", ")}`;
      if ((property === "proxy-port" || property === "proxy-ssl-port") && !isPort(given))
        return `Invalid ${property} ${given}: must be a port number (1-65535)`;
      if (property === "disabled" && given !== "true" && given !== "false")
        return "Invalid disabled value: must be true or false";
      return undefined;
    },
  });
  if (key === "type" && value !== "" && !isDrivenProxyType(value))
    ctx.out.warn(`Proxy type ${value} is not available on this host: apps of this type get no proxy config`);
}

function isPort(text: string): boolean {
  return /^[1-9]\d{0,4}$/.test(text) && Number(text) <= 65535;
}
