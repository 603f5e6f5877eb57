import type { Namespace } from "../namespace";

export const eventsNamespace: Namespace = {
  name: "events",
  description: "Manage event logging",
  defaultCommand: "events",
  commands: {
    events: () => import("./events"),
    "events:list": () => import("./list"),
    "events:on": () => import("./on"),
    "events:off": () => import("./off"),
  },
};
