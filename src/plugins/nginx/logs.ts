import { closeSync, existsSync, fstatSync, openSync, readSync } from "node:fs";
import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { fail } from "../../core/errors";
import { nginxPropertyValues } from "./properties";

const TAIL_LINES = 20;

/**
 * `nginx:access-logs|error-logs <app> [-t]`: the last 20 lines of the app's log, or (-t) the
 * log followed with `tail -F` until interrupted. Disabled logs (off, /dev/null) are refused as Dokku does.
 */
export async function showNginxLogs(
  ctx: Context,
  kind: "access" | "error",
  appArg: string | undefined,
  follow: boolean,
): Promise<void> {
  const app = verifyApp(ctx, appArg);
  const path = nginxPropertyValues(ctx, app).computed[kind === "access" ? "access-log-path" : "error-log-path"];
  if (path === "off" || path === "/dev/null") fail(`${kind} logs are disabled for this app`);
  if (follow) {
    const child = Bun.spawn(["tail", "-n", String(TAIL_LINES), "-F", path], {
      stdin: "ignore",
      stdout: "inherit",
      stderr: "inherit",
    });
    await child.exited;
    return;
  }
  if (!existsSync(path)) fail(`No ${kind} log at ${path}`);
  for (const line of lastLines(path, TAIL_LINES)) ctx.out.print(line);
}

/** The last `count` lines of a file, reading only its end (logs grow large). */
function lastLines(path: string, count: number): string[] {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    let start = size;
    let text = "";
    while (start > 0 && text.split("\n").length <= count + 1) {
      const length = Math.min(64 * 1024, start);
      start -= length;
      const chunk = Buffer.alloc(length);
      readSync(fd, chunk, 0, length, start);
      text = chunk.toString("utf8") + text;
    }
    const lines = text.split("\n");
    if (lines.at(-1) === "") lines.pop();
    return lines.slice(-count);
  } finally {
    closeSync(fd);
  }
}
