import type { Namespace } from "../namespace";

export const enterNamespace: Namespace = {
  name: "enter",
  description: "Connect to a specific app container",
  defaultCommand: "enter",
  commands: { enter: () => import("./enter") },
};
