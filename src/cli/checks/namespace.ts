import type { Namespace } from "../namespace";

export const checksNamespace: Namespace = {
  name: "checks",
  description: "Manage zero-downtime settings",
  commands: {
    "checks:disable": () => import("./disable"),
    "checks:enable": () => import("./enable"),
    "checks:report": () => import("./report"),
    "checks:run": () => import("./run"),
    "checks:set": () => import("./set"),
    "checks:skip": () => import("./skip"),
  },
};
