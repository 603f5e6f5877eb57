import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { isNginxProperty, NGINX_PROPERTIES, nginxValueProblem } from "../../builders/nginx-properties";
import { withAppLock } from "../../store/app-lock";
import { GLOBAL } from "../../store/property-store";
import { NGINX_PLUGIN } from "./settings";

/**
 * `nginx:set <app>|--global <key> [<value>]`, with Dokku's messages. Values are checked (they
 * become nginx directives); an empty value unsets. As in Dokku, the change applies at the next
 * `proxy:build-config` or deploy.
 */
export async function setNginxProperty(ctx: Context, scopeArg: string, key: string, value: string): Promise<void> {
  const scope = scopeArg === GLOBAL ? GLOBAL : verifyApp(ctx, scopeArg);
  if (key === "") fail("No key specified", "invalid-property");
  if (!isNginxProperty(key))
    fail(`Invalid key specified, valid keys include: ${NGINX_PROPERTIES.join(", ")}`, "invalid-property");
  const problem = value === "" ? undefined : nginxValueProblem(key, value);
  if (problem) fail(problem, "invalid-property");
  const write = () => {
    if (value !== "") {
      ctx.out.heading(`Setting ${key} to ${value}`);
      ctx.store.set(NGINX_PLUGIN, scope, key, value);
    } else {
      ctx.out.heading(`Unsetting ${key}`);
      ctx.store.delete(NGINX_PLUGIN, scope, key);
    }
  };
  if (scope === GLOBAL) write();
  else await withAppLock(ctx, scope, write);
}
