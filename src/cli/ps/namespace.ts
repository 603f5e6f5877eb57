import type { Namespace } from "../namespace";

export const psNamespace: Namespace = {
  name: "ps",
  description: "Manage app processes",
  commands: {
    "ps:inspect": () => import("./inspect"),
    "ps:report": () => import("./report"),
    "ps:rebuild": () => import("./rebuild"),
    "ps:restart": () => import("./restart"),
    "ps:restore": () => import("./restore"),
    "ps:retire": () => import("./retire"),
    "ps:scale": () => import("./scale"),
    "ps:set": () => import("./set"),
    "ps:start": () => import("./start"),
    "ps:stop": () => import("./stop"),
  },
};
