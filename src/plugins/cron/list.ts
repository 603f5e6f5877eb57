import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { cronListJson, cronListRows } from "../../builders/cron-tasks";
import { GLOBAL } from "../../store/property-store";
import { columnize } from "../config/go-format";
import { appCronTasks } from "./properties";

/**
 * `cron:list <app>|--global [--format stdout|json]`, as Dokku's CommandList. --global lists the
 * tasks plugins add to the host schedule; none of ours do (ps:retire has its own timer).
 */
export function listCronTasks(ctx: Context, scope: string | undefined, format: string | undefined): void {
  const kind = format === undefined || format === "" ? "stdout" : format;
  if (kind !== "stdout" && kind !== "json") fail("Invalid format specified, supported formats: json, stdout");
  const tasks = scope === GLOBAL ? [] : appCronTasks(ctx, verifyApp(ctx, scope));
  if (kind === "json") {
    ctx.out.print(cronListJson(tasks));
    return;
  }
  ctx.out.print(columnize(cronListRows(tasks)));
}
