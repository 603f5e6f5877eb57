import type { CorePlugin } from "../core-plugin";

export const eventsPlugin: CorePlugin = {
  name: "events",
  register() {},
};
