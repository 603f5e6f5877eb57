import type { Namespace } from "../namespace";

export const repoNamespace: Namespace = {
  name: "repo",
  description: "Manage an app's git repository and build cache",
  commands: {
    "repo:gc": () => import("./gc"),
    "repo:purge-cache": () => import("./purge-cache"),
  },
};
