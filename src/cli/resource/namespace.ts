import type { Namespace } from "../namespace";

export const resourceNamespace: Namespace = {
  name: "resource",
  description: "Manage resource settings for an app",
  commands: {
    "resource:limit": () => import("./limit"),
    "resource:limit-clear": () => import("./limit-clear"),
    "resource:report": () => import("./report"),
    "resource:reserve": () => import("./reserve"),
    "resource:reserve-clear": () => import("./reserve-clear"),
  },
};
