import type { Namespace } from "../namespace";

export const eventsNamespace: Namespace = {
  name: "events",
  description: "Show the last events (-t follows)",
  defaultCommand: "events",
  commands: {},
};
