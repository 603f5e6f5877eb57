import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { allApps } from "../apps/app-list";
import { schedulerFor } from "../scheduler/select-scheduler";

/** `ps:inspect <app>`: the containers' docker inspect, config values hidden, as indented JSON. */
export async function inspectAppContainers(ctx: Context, appArg: string | undefined): Promise<void> {
  const app = verifyApp(ctx, appArg);
  ctx.out.print(JSON.stringify(await schedulerFor(ctx, app).inspect(ctx, app), null, 4));
}

/** `ps:retire [<app>]`: removes leftovers of unfinished deploys of one app or of all. */
export async function retireApps(ctx: Context, appArg: string | undefined): Promise<void> {
  const apps = appArg === undefined ? allApps(ctx) : [verifyApp(ctx, appArg)];
  ctx.out.step("Retiring old containers and images");
  for (const app of apps) await schedulerFor(ctx, app).retire(ctx, app);
}
