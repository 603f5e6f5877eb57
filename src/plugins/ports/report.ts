import type { Context } from "../../core/context";
import type { Report } from "../../core/report";
import { formatPortMap, portMapsJson } from "../../builders/port-map";
import { GLOBAL } from "../../store/property-store";
import { configuredPortMaps, detectedPortMaps } from "./port-maps";

/** The ports report of an app, as Dokku's ports/report.go; the global scope has no entries. */
export async function portsReport(ctx: Context, target: string): Promise<Report> {
  if (target === GLOBAL) return { type: "ports", target, entries: {} };
  const configured = configuredPortMaps(ctx, target);
  const detected = await detectedPortMaps(ctx, target);
  return {
    type: "ports",
    target,
    entries: {
      "--ports-map": configured.map(formatPortMap).join(" "),
      "--ports-map-json": portMapsJson(configured),
      "--ports-map-detected": detected.map(formatPortMap).join(" "),
      "--ports-map-detected-json": portMapsJson(detected),
    },
  };
}
