import type { Namespace } from "../namespace";

export const urlNamespace: Namespace = {
  name: "url",
  description: "Show the first URL for an application (compatibility)",
  defaultCommand: "url",
  commands: { url: () => import("./url") },
};
