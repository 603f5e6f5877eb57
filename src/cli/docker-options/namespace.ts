import type { Namespace } from "../namespace";

export const dockerOptionsNamespace: Namespace = {
  name: "docker-options",
  description: "Manage docker options for an app",
  commands: {
    "docker-options:add": () => import("./add"),
    "docker-options:clear": () => import("./clear"),
    "docker-options:list": () => import("./list"),
    "docker-options:remove": () => import("./remove"),
    "docker-options:report": () => import("./report"),
  },
};
