import type { Namespace } from "../namespace";

export const configNamespace: Namespace = {
  name: "config",
  description: "Manage global and app-specific config vars",
  defaultCommand: "config:show",
  commands: {},
};
