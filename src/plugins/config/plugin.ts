import type { CorePlugin } from "../core-plugin";
import { drainLegacyEnvFiles } from "./migrate-env";

export const configPlugin: CorePlugin = {
  name: "config",
  register(bus) {
    bus.on("config-migrate-env", "config", async (_payload, ctx) => {
      await drainLegacyEnvFiles(ctx);
      return null;
    });
  },
};
