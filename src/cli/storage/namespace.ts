import type { Namespace } from "../namespace";

export const storageNamespace: Namespace = {
  name: "storage",
  description: "Manage mounted volumes",
  commands: {
    "storage:create": () => import("./create"),
    "storage:destroy": () => import("./destroy"),
    "storage:ensure-directory": () => import("./ensure-directory"),
    "storage:exec": () => import("./exec"),
    "storage:info": () => import("./info"),
    "storage:list": () => import("./list"),
    "storage:list-entries": () => import("./list-entries"),
    "storage:migrate": () => import("./migrate"),
    "storage:mount": () => import("./mount"),
    "storage:report": () => import("./report"),
    "storage:unmount": () => import("./unmount"),
  },
};
