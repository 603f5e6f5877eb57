import type { Namespace } from "../namespace";

export const appsNamespace: Namespace = {
  name: "apps",
  description: "Manage apps",
  defaultCommand: "apps:list",
  commands: {},
};
