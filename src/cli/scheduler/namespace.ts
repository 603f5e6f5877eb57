import type { Namespace } from "../namespace";

export const schedulerNamespace: Namespace = {
  name: "scheduler",
  description: "Manage scheduler settings for an app",
  commands: {
    "scheduler:report": () => import("./report"),
    "scheduler:set": () => import("./set"),
  },
};
