import type { CorePlugin } from "../core-plugin";

export const appsPlugin: CorePlugin = {
  name: "apps",
  register() {},
};
