import type { Namespace } from "../namespace";

export const sshKeysNamespace: Namespace = {
  name: "ssh-keys",
  description: "Manage public ssh keys that are allowed to connect to Dokku",
  defaultCommand: "ssh-keys:list",
  commands: {},
};
