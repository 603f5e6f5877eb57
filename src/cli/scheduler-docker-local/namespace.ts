import type { Namespace } from "../namespace";

export const schedulerDockerLocalNamespace: Namespace = {
  name: "scheduler-docker-local",
  description: "Manage the docker-local scheduler integration for an app",
  commands: {
    "scheduler-docker-local:report": () => import("./report"),
    "scheduler-docker-local:set": () => import("./set"),
  },
};
