import type { Namespace } from "../namespace";

export const urlsNamespace: Namespace = {
  name: "urls",
  description: "Show all URLs for an application",
  defaultCommand: "urls",
  commands: { urls: () => import("./urls") },
};
