import type { Namespace } from "../namespace";

export const releasesNamespace: Namespace = {
  name: "releases",
  description: "List an app's releases and roll back to one",
  defaultCommand: "releases",
  commands: {
    releases: () => import("./releases"),
    "releases:info": () => import("./info"),
    "releases:report": () => import("./report"),
    "releases:rollback": () => import("./rollback"),
    "releases:set": () => import("./set"),
  },
};
