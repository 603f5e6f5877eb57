import type { Namespace } from "../namespace";

export const sshKeysNamespace: Namespace = {
  name: "ssh-keys",
  description: "Manage public ssh keys used for deployment",
  defaultCommand: "ssh-keys",
  commands: {
    "ssh-keys": () => import("./ssh-keys"),
    "ssh-keys:add": () => import("./add"),
    "ssh-keys:list": () => import("./list"),
    "ssh-keys:remove": () => import("./remove"),
  },
};
