import type { Namespace } from "../namespace";

export const nginxNamespace: Namespace = {
  name: "nginx",
  description: "Manage the nginx proxy",
  commands: {
    "nginx:access-logs": () => import("./access-logs"),
    "nginx:error-logs": () => import("./error-logs"),
    "nginx:reload": () => import("./reload"),
    "nginx:report": () => import("./report"),
    "nginx:set": () => import("./set"),
    "nginx:show-config": () => import("./show-config"),
    "nginx:validate-config": () => import("./validate-config"),
  },
};
