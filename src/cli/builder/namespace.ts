import type { Namespace } from "../namespace";

export const builderNamespace: Namespace = {
  name: "builder",
  description: "Manage builder settings",
  commands: {
    "builder:report": () => import("./report"),
    "builder:set": () => import("./set"),
  },
};
