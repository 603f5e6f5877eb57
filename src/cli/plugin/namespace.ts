import type { Namespace } from "../namespace";

export const pluginNamespace: Namespace = {
  name: "plugin",
  description: "Manage installed plugins",
  commands: {
    "plugin:install": () => import("./install"),
    "plugin:list": () => import("./list"),
    "plugin:installed": () => import("./installed"),
    "plugin:enable": () => import("./enable"),
    "plugin:disable": () => import("./disable"),
    "plugin:uninstall": () => import("./uninstall"),
    "plugin:update": () => import("./update"),
    "plugin:report": () => import("./report"),
    "plugin:trigger": () => import("./trigger"),
  },
};
