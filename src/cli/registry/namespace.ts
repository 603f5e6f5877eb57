import type { Namespace } from "../namespace";

export const registryNamespace: Namespace = {
  name: "registry",
  description: "Manage the registry an app's images are pushed to",
  commands: {
    "registry:login": () => import("./login"),
    "registry:report": () => import("./report"),
    "registry:set": () => import("./set"),
  },
};
