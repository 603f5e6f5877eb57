import type { Context } from "../../core/context";
import type { ResourceProperties } from "../../builders/resource-fragment";

/** The property-store plugin name: `$DOKKU_LIB_ROOT/config/resource/<app>/<type>.<limit|reserve>.<key>`. */
export const RESOURCE_PLUGIN = "resource";

/** Every resource property of an app (or of --global), as stored. */
export function resourceProperties(ctx: Pick<Context, "store">, scope: string): ResourceProperties {
  return ctx.store.getAll(RESOURCE_PLUGIN, scope);
}
