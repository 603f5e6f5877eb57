import type { Namespace } from "../namespace";

export const sshKeysNamespace: Namespace = {
  name: "ssh-keys",
  description: "Manage public ssh keys used for deployment",
  commands: {
    "ssh-keys:add": () => import("./add"),
    "ssh-keys:list": () => import("./list"),
    "ssh-keys:remove": () => import("./remove"),
  },
};
