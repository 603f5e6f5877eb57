import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { schedulerFor } from "../scheduler/select-scheduler";

/** `ps:inspect <app>`: the containers' docker inspect, config values hidden, as indented JSON. */
export async function inspectAppContainers(ctx: Context, appArg: string | undefined): Promise<void> {
  const app = verifyApp(ctx, appArg);
  ctx.out.print(JSON.stringify(await schedulerFor(ctx, app).inspect(ctx, app), null, 4));
}
