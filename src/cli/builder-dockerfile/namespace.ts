import type { Namespace } from "../namespace";

export const builderDockerfileNamespace: Namespace = {
  name: "builder-dockerfile",
  description: "Manage the dockerfile builder integration for an app",
  commands: {
    "builder-dockerfile:report": () => import("./report"),
    "builder-dockerfile:set": () => import("./set"),
  },
};
