import type { Context } from "../../../src/core/context";
import { memorySink } from "../../../src/core/output";
import { createContext } from "../../../src/runtime/create-context";
import { textInput } from "../../../src/runtime/process-input";

/** An in-process context on temp roots, with output captured. */
export function testContext(
  env: Record<string, string>,
  now = new Date("2024-01-02T03:04:05Z"),
): { ctx: Context; sink: ReturnType<typeof memorySink> } {
  const sink = memorySink();
  const ctx = createContext({
    env,
    flags: { quiet: false, trace: false, force: false },
    sink,
    input: textInput(""),
    now: () => now,
  });
  return { ctx, sink };
}
