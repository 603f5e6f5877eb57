import type { Namespace } from "../namespace";

export const domainsNamespace: Namespace = {
  name: "domains",
  description: "Manage domains used by the proxy",
  commands: {
    "domains:add": () => import("./add"),
    "domains:add-global": () => import("./add-global"),
    "domains:clear": () => import("./clear"),
    "domains:clear-global": () => import("./clear-global"),
    "domains:disable": () => import("./disable"),
    "domains:enable": () => import("./enable"),
    "domains:remove": () => import("./remove"),
    "domains:remove-global": () => import("./remove-global"),
    "domains:report": () => import("./report"),
    "domains:reset": () => import("./reset"),
    "domains:set": () => import("./set"),
    "domains:set-global": () => import("./set-global"),
  },
};
