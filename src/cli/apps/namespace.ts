import type { Namespace } from "../namespace";

export const appsNamespace: Namespace = {
  name: "apps",
  description: "Manage apps",
  defaultCommand: "apps:list",
  commands: {
    "apps:clone": () => import("./clone"),
    "apps:create": () => import("./create"),
    "apps:destroy": () => import("./destroy"),
    "apps:exists": () => import("./exists"),
    "apps:list": () => import("./list"),
    "apps:lock": () => import("./lock"),
    "apps:locked": () => import("./locked"),
    "apps:rename": () => import("./rename"),
    "apps:report": () => import("./report"),
    "apps:set": () => import("./set"),
    "apps:unlock": () => import("./unlock"),
  },
};
