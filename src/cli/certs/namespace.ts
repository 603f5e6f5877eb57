import type { Namespace } from "../namespace";

export const certsNamespace: Namespace = {
  name: "certs",
  description: "Manage SSL (TLS) certs",
  commands: {
    "certs:add": () => import("./add"),
    "certs:generate": () => import("./generate"),
    "certs:remove": () => import("./remove"),
    "certs:report": () => import("./report"),
    "certs:show": () => import("./show"),
    "certs:update": () => import("./update"),
  },
};
