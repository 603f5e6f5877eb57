import type { CorePlugin } from "../core-plugin";

export const tracePlugin: CorePlugin = {
  name: "trace",
  register() {},
};
