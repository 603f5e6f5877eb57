import type { Namespace } from "../namespace";

export const portsNamespace: Namespace = {
  name: "ports",
  description: "Manage ports for an app",
  commands: {
    "ports:add": () => import("./add"),
    "ports:clear": () => import("./clear"),
    "ports:list": () => import("./list"),
    "ports:remove": () => import("./remove"),
    "ports:report": () => import("./report"),
    "ports:set": () => import("./set"),
  },
};
