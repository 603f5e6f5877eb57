import type { Namespace } from "../namespace";

export const deployNamespace: Namespace = {
  name: "deploy",
  description: "Deploy an app",
  defaultCommand: "deploy",
  commands: {
    deploy: () => import("./deploy"),
  },
};
