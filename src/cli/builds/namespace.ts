import type { Namespace } from "../namespace";

export const buildsNamespace: Namespace = {
  name: "builds",
  description: "Manage running builds and their logs",
  commands: {
    "builds:cancel": () => import("./cancel"),
    "builds:info": () => import("./info"),
    "builds:list": () => import("./list"),
    "builds:output": () => import("./output"),
  },
};
