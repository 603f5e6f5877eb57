import type { CorePlugin } from "../core-plugin";

export const configPlugin: CorePlugin = {
  name: "config",
  register() {},
};
