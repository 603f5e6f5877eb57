import { ALL_TRIGGERS, type TriggerName } from "../../sdk/triggers/all";
import type { Context } from "../core/context";
import { fail } from "../core/errors";
import { terminalJson } from "../core/terminal-text";

/** `plugin:trigger`: fires a trigger through the bus (which checks the payload) and returns the combined result as JSON. */
export async function fireTriggerJson(
  ctx: Context,
  trigger: string | undefined,
  payloadText: string | undefined,
): Promise<string> {
  if (trigger === undefined || trigger === "") fail("Please specify a trigger name", "usage");
  if (!Object.hasOwn(ALL_TRIGGERS, trigger)) fail(`Unknown trigger ${trigger}`, "unknown-trigger");
  if (payloadText === undefined) fail("Please specify the payload as JSON", "usage");
  let payload: unknown;
  try {
    payload = JSON.parse(payloadText);
  } catch (error) {
    return fail(`Invalid JSON payload: ${(error as Error).message}`, "usage");
  }
  const result = await ctx.bus.fire(trigger as TriggerName, payload as never);
  // a plugin's part of the result may hold C1 or bidi controls, which JSON leaves as they are
  return terminalJson(result ?? null);
}
