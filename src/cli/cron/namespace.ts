import type { Namespace } from "../namespace";

export const cronNamespace: Namespace = {
  name: "cron",
  description: "Manage scheduled cron tasks",
  commands: {
    "cron:list": () => import("./list"),
    "cron:report": () => import("./report"),
    "cron:resume": () => import("./resume"),
    "cron:run": () => import("./run"),
    "cron:set": () => import("./set"),
    "cron:suspend": () => import("./suspend"),
  },
};
