import type { Namespace } from "../namespace";

export const runNamespace: Namespace = {
  name: "run",
  description: "Run a one-off process inside a container",
  defaultCommand: "run",
  commands: {
    run: () => import("./run"),
    "run:detached": () => import("./detached"),
    "run:list": () => import("./list"),
    "run:retire": () => import("./retire"),
    "run:stop": () => import("./stop"),
  },
};
