import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { parseFormat } from "../../core/report";
import {
  appJsonManagesScale,
  mergeScale,
  parseScaleTuples,
  scaleJson,
  scaleTable,
  scaleToLines,
  unknownProcessTypes,
  type Scale,
} from "../../builders/ps-scale";
import { withAppLock } from "../../store/app-lock";
import { currentRelease } from "../release/releases";
import { storedScale } from "./formation";
import { PS_PLUGIN } from "./properties";
import { withCurrentRelease } from "./redeploy";

export interface ScaleOptions {
  readonly skipDeploy: boolean;
  readonly format?: string;
}

/** `ps:scale <app>`: Dokku's table (or JSON) of the stored scale. */
export function showScale(ctx: Context, appArg: string | undefined, format: string | undefined): void {
  const app = verifyApp(ctx, appArg);
  const scale = storedScale(ctx, app);
  if (parseFormat(format) === "json") {
    ctx.out.print(scaleJson(scale));
    return;
  }
  ctx.out.step(`Scaling for ${app}`);
  for (const line of scaleTable(scale, ctx.out.quiet)) ctx.out.print(line);
}

/**
 * `ps:scale <app> proc=N ...`: checks every tuple before writing anything, saves the new scale,
 * then (unless --skip-deploy or never deployed) redeploys the current release at that scale.
 */
export async function setScale(
  ctx: Context,
  appArg: string | undefined,
  tuples: readonly string[],
  options: ScaleOptions,
): Promise<void> {
  const app = verifyApp(ctx, appArg);
  const release = currentRelease(ctx, app);
  if (release && appJsonManagesScale(release.appJson.formation)) {
    fail(`App ${app} contains an app.json file with a formations key and cannot be manually scaled`, "scale-managed");
  }
  const updates = parseScaleTuples(tuples);
  const unknown = unknownProcessTypes(updates, release?.processes ?? {});
  if (unknown.length > 0) fail(`${unknown[0]} is not a valid process name to scale up`, "invalid-scale");
  ctx.out.step(`Scaling ${app} processes: ${tuples.join(" ")}`);
  await withAppLock(ctx, app, () => {
    const procfileTypes: Scale = Object.keys(release?.processes ?? {}).map((type) => [type, 0] as const);
    const scale = mergeScale(mergeScale(procfileTypes, storedScale(ctx, app)), updates);
    ctx.store.setList(PS_PLUGIN, app, "scale", scaleToLines(scale));
  });
  if (options.skipDeploy || !release) return;
  await withCurrentRelease(ctx, app, (scheduler, current, formation) => scheduler.deploy(ctx, app, current, formation));
}
