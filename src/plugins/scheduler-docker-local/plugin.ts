import type { CorePlugin } from "../core-plugin";

export const schedulerDockerLocalPlugin: CorePlugin = {
  name: "scheduler-docker-local",
  register() {},
};
