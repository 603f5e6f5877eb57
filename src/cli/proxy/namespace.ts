import type { Namespace } from "../namespace";

export const proxyNamespace: Namespace = {
  name: "proxy",
  description: "Manage the proxy integration for an app",
  commands: {
    "proxy:build-config": () => import("./build-config"),
    "proxy:clear-config": () => import("./clear-config"),
    "proxy:disable": () => import("./disable"),
    "proxy:enable": () => import("./enable"),
    "proxy:report": () => import("./report"),
    "proxy:set": () => import("./set"),
    "proxy:watch": () => import("./watch"),
  },
};
