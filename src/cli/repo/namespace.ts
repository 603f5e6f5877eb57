import type { Namespace } from "../namespace";

export const repoNamespace: Namespace = {
  name: "repo",
  description: "Manage the app's repo",
  commands: {
    "repo:gc": () => import("./gc"),
    "repo:purge-cache": () => import("./purge-cache"),
  },
};
