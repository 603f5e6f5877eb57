import type { Namespace } from "../namespace";

export const appJsonNamespace: Namespace = {
  name: "app-json",
  description: "Manage app-json settings for an app",
  commands: {
    "app-json:report": () => import("./report"),
    "app-json:set": () => import("./set"),
  },
};
