import type { Namespace } from "../namespace";

export const cleanupNamespace: Namespace = {
  name: "cleanup",
  description: "Remove exited containers, dangling images, old release images and build cache",
  defaultCommand: "cleanup",
  commands: {
    cleanup: () => import("./cleanup"),
  },
};
