import type { Context } from "../../core/context";
import { withAppLock } from "../../store/app-lock";
import { uniquePortMaps, type PortMap } from "../../builders/port-map";
import { configuredPortMaps } from "./port-maps";
import { writePortMaps } from "./commands";

/**
 * After a certificate is added (Dokku's ports post-certs-update): configured maps gain
 * `https:443:<c>` for each `http:80:<c>`, unless an https:443 map is there. Detected maps need
 * nothing: portMaps adds https to them while the app has a certificate.
 */
export async function addTlsPortMaps(ctx: Context, app: string): Promise<void> {
  await withAppLock(ctx, app, () => {
    const maps = configuredPortMaps(ctx, app);
    if (maps.some((map) => map.scheme === "https" && map.host === 443)) return;
    const http80 = uniquePortMaps(maps.filter((map) => map.scheme === "http" && map.host === 80));
    if (http80.length === 0) return;
    writePortMaps(ctx, app, [
      ...maps,
      ...http80.map((map): PortMap => ({ scheme: "https", host: 443, container: map.container })),
    ]);
  });
}

/** After a certificate is removed (Dokku's ports post-certs-remove): configured https:443 maps go. */
export async function removeTlsPortMaps(ctx: Context, app: string): Promise<void> {
  await withAppLock(ctx, app, () => {
    const maps = configuredPortMaps(ctx, app);
    const kept = maps.filter((map) => !(map.scheme === "https" && map.host === 443));
    if (kept.length !== maps.length) writePortMaps(ctx, app, kept);
  });
}
