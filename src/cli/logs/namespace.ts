import type { Namespace } from "../namespace";

export const logsNamespace: Namespace = {
  name: "logs",
  description: "Manage log integration for an app",
  defaultCommand: "logs",
  commands: {
    logs: () => import("./logs"),
    "logs:failed": () => import("./failed"),
  },
};
