import type { Namespace } from "../namespace";

export const storageNamespace: Namespace = {
  name: "storage",
  description: "Manage mounted volumes",
  commands: {
    "storage:ensure-directory": () => import("./ensure-directory"),
    "storage:list": () => import("./list"),
    "storage:mount": () => import("./mount"),
    "storage:report": () => import("./report"),
    "storage:unmount": () => import("./unmount"),
  },
};
