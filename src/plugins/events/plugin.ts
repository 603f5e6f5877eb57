import type { CorePlugin } from "../core-plugin";
import { appendEventLine, eventLogPath, formatEventLine } from "./event-log";
import { eventsEnabled } from "./properties";

/** While events:on, every fired trigger appends one line to the events log. */
export const eventsPlugin: CorePlugin = {
  name: "events",
  register(bus, ctx) {
    if (!eventsEnabled(ctx.store)) return;
    const path = eventLogPath(ctx.paths);
    let warned = false;
    bus.observe(({ trigger, payload }) => {
      const line = formatEventLine({ time: ctx.now(), pid: process.pid, trigger, user: ctx.user, payload });
      try {
        appendEventLine(path, line, ctx.owner);
      } catch (error) {
        if (warned) return;
        warned = true;
        ctx.out.warn(
          `Could not write the events log ${path}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
  },
};
