import type { Context } from "../../core/context";
import { parseFormat } from "../../core/report";
import { NO_APPS_MESSAGE, visibleApps } from "./app-list";

/** `apps:list`: `=====> My Apps` and one name a line, or a JSON array. */
export async function listApps(ctx: Context, format: string | undefined): Promise<void> {
  const json = parseFormat(format) === "json";
  const apps = await visibleApps(ctx);
  if (json) return ctx.out.print(JSON.stringify(apps));
  ctx.out.heading("My Apps");
  if (apps.length === 0) return ctx.out.warn(NO_APPS_MESSAGE);
  ctx.out.print(apps.join("\n"));
}
