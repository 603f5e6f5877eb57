import { PROPERTIES_ONLY } from "../../plugins/properties-only/namespaces";
import type { CommandLoader, Namespace } from "../namespace";

/** `<ns>:report` and `<ns>:set` of a properties-only namespace, loaded lazily. */
export function propertiesOnlyCommands(name: string): Record<string, CommandLoader> {
  return {
    [`${name}:report`]: async () => ({ default: (await import("./commands")).onlyReportCommand(name) }),
    [`${name}:set`]: async () => ({ default: (await import("./commands")).onlySetCommand(name) }),
  };
}

/**
 * `caddy`, `haproxy`, `openresty`, `traefik`, `scheduler-k3s`: Dokku components this host does
 * not run keep their properties (`:set`, `:report`) as Dokku does, so an operator's scripts
 * carry over; `logs` adds its `:set`/`:report` to the logs namespace.
 */
export const propertiesOnlyNamespaces: readonly Namespace[] = Object.values(PROPERTIES_ONLY)
  .filter(({ name }) => name !== "logs")
  .map(({ name, description }) => ({ name, description, commands: propertiesOnlyCommands(name) }));
