import type { Namespace } from "../namespace";

export const traceNamespace: Namespace = {
  name: "trace",
  description: "Manage trace mode",
  defaultCommand: "trace",
  commands: {
    trace: () => import("./trace"),
    "trace:on": () => import("./on"),
    "trace:off": () => import("./off"),
  },
};
