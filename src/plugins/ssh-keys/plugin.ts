import type { CorePlugin } from "../core-plugin";

export const sshKeysPlugin: CorePlugin = {
  name: "ssh-keys",
  register() {},
};
