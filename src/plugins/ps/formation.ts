import type { Context } from "../../core/context";
import { computeFormation, scaleFromLines, type Scale } from "../../builders/ps-scale";
import type { Formation, Release } from "../deploy/contracts";
import { PS_PLUGIN } from "./properties";

/** The stored `ps:scale` values (Dokku's `scale` list property, one `proc=N` per line). */
export function storedScale(ctx: Pick<Context, "store">, app: string): Scale {
  return scaleFromLines(ctx.store.getList(PS_PLUGIN, app, "scale"));
}

/** How many containers of each process type `release` runs: app.json formation, else ps:scale, else web=1. */
export function formationFor(ctx: Pick<Context, "store">, app: string, release: Release): Formation {
  return computeFormation({
    processes: release.processes,
    appJsonFormation: release.appJson.formation,
    stored: storedScale(ctx, app),
  });
}
