import type { Namespace } from "../namespace";

export const cleanupNamespace: Namespace = {
  name: "cleanup",
  description:
    "Cleans up exited/dead Docker containers and removes dangling images, old release images and build cache",
  defaultCommand: "cleanup",
  commands: {
    cleanup: () => import("./cleanup"),
  },
};
