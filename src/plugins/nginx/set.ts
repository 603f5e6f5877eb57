import type { Context } from "../../core/context";
import { isNginxProperty, NGINX_PROPERTIES, nginxValueProblem } from "../../builders/nginx-properties";
import { setPluginProperty } from "../property-set";
import { NGINX_PLUGIN } from "./properties";

/**
 * `nginx:set <app>|--global <key> [<value>]`, with Dokku's messages. Values are checked (they
 * become nginx directives); an empty value unsets. As in Dokku, the change applies at the next
 * `proxy:build-config` or deploy.
 */
export function setNginxProperty(ctx: Context, scope: string, key: string, value: string): Promise<void> {
  return setPluginProperty(ctx, {
    plugin: NGINX_PLUGIN,
    scope,
    key,
    value,
    properties: NGINX_PROPERTIES,
    noun: "key",
    validate: (property, given) => (isNginxProperty(property) ? nginxValueProblem(property, given) : undefined),
  });
}
