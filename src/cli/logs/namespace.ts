import type { Namespace } from "../namespace";
import { propertiesOnlyCommands } from "../properties-only/namespaces";

export const logsNamespace: Namespace = {
  name: "logs",
  description: "Manage log integration for an app",
  defaultCommand: "logs",
  commands: {
    logs: () => import("./logs"),
    "logs:failed": () => import("./failed"),
    ...propertiesOnlyCommands("logs"),
  },
};
