import { toReportSection } from "../../core/report";
import type { CorePlugin } from "../core-plugin";

/**
 * The certs plugin: its `ssl` section of `dokku report`. Nothing to do on rename (the tls dir
 * lives in the app dir, which moves) or clone (a clone starts without the certificate, as Dokku).
 */
export const certsPlugin: CorePlugin = {
  name: "certs",
  register(bus) {
    bus.on("report", "certs", async ({ app }, ctx) => [
      toReportSection((await import("./report")).certsReport(ctx, app)),
    ]);
  },
};
