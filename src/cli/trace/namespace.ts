import type { Namespace } from "../namespace";

export const traceNamespace: Namespace = {
  name: "trace",
  description: "Enable or disable dokku trace output",
  commands: {},
};
