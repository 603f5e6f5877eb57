import type { Namespace } from "../namespace";

export const configNamespace: Namespace = {
  name: "config",
  description: "Manage global and app-specific config vars",
  defaultCommand: "config",
  commands: {
    config: () => import("./config"),
    "config:bundle": () => import("./bundle"),
    "config:clear": () => import("./clear"),
    "config:export": () => import("./export"),
    "config:get": () => import("./get"),
    "config:import": () => import("./import"),
    "config:keys": () => import("./keys"),
    "config:set": () => import("./set"),
    "config:show": () => import("./show"),
    "config:unset": () => import("./unset"),
  },
};
