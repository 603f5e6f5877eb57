import type { Namespace } from "../namespace";

export const buildpacksNamespace: Namespace = {
  name: "buildpacks",
  description: "Manage buildpacks settings for an app",
  commands: {
    "buildpacks:add": () => import("./add"),
    "buildpacks:clear": () => import("./clear"),
    "buildpacks:list": () => import("./list"),
    "buildpacks:remove": () => import("./remove"),
    "buildpacks:report": () => import("./report"),
    "buildpacks:set": () => import("./set"),
    "buildpacks:set-property": () => import("./set-property"),
  },
};
