import type { Context } from "../../core/context";
import { eventLogPath, followEventLog, readLastLines } from "./event-log";

/** `dokku events [-t]`: the last 100 lines; with follow, new lines until SIGINT or end of input. */
export async function showEvents(ctx: Context, follow: boolean): Promise<void> {
  const path = eventLogPath(ctx.paths);
  if (!follow) {
    const text = readLastLines(path, 100);
    if (text !== "") ctx.out.print(text.slice(0, -1));
    return;
  }
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once("SIGINT", onSigint);
  void ctx.input.readAll().then(
    () => stop.abort(),
    () => stop.abort(),
  );
  try {
    await followEventLog(path, { signal: stop.signal, onLines: (lines) => ctx.out.print(lines.join("\n")) });
  } finally {
    process.off("SIGINT", onSigint);
  }
}
