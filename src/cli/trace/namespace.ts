import type { Namespace } from "../namespace";

export const traceNamespace: Namespace = {
  name: "trace",
  description: "Manage trace mode",
  commands: {
    "trace:on": () => import("./on"),
    "trace:off": () => import("./off"),
  },
};
