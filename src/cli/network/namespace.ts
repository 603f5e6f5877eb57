import type { Namespace } from "../namespace";

export const networkNamespace: Namespace = {
  name: "network",
  description: "Manage network settings for an app",
  commands: {
    "network:create": () => import("./create"),
    "network:destroy": () => import("./destroy"),
    "network:exists": () => import("./exists"),
    "network:info": () => import("./info"),
    "network:list": () => import("./list"),
    "network:rebuild": () => import("./rebuild"),
    "network:rebuildall": () => import("./rebuildall"),
    "network:report": () => import("./report"),
    "network:set": () => import("./set"),
  },
};
