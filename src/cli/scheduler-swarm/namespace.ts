import type { Namespace } from "../namespace";

export const schedulerSwarmNamespace: Namespace = {
  name: "scheduler-swarm",
  description: "Manage the Docker Swarm scheduler",
  commands: {
    "scheduler-swarm:initialize": () => import("./initialize"),
    "scheduler-swarm:nodes": () => import("./nodes"),
    "scheduler-swarm:report": () => import("./report"),
    "scheduler-swarm:set": () => import("./set"),
  },
};
