import { ALL_TRIGGERS, type TriggerName } from "../../sdk/triggers/all";
import type { TriggerKind } from "../../sdk/triggers/define";
import type { Context } from "../core/context";
import { fail } from "../core/errors";
import { terminalJson, terminalText } from "../core/terminal-text";
import type { HandlerFailure, VetoOutcome } from "./bus";
import { positionalPayload } from "./positional-payload";

/** Whether `plugin:trigger`'s arguments are the JSON form: one argument holding a JSON object. Pure. */
function jsonForm(args: readonly string[]): boolean {
  return args.length === 1 && (args[0] as string).trimStart().startsWith("{");
}

/**
 * A combined result as Dokku's triggers print it, one line each: a `first` answer as its text
 * (nothing when no handler answered), a `collect` list one item a line, nothing for `notify` and
 * an allowing `veto`. A failed notify handler or a refusal fails, naming the handler. Text a
 * plugin gave is stripped of control characters. Pure.
 */
export function positionalLines(trigger: string, kind: TriggerKind, result: unknown): string[] {
  const line = (value: unknown) =>
    typeof value === "string" ? terminalText(value) : terminalJson(value as Parameters<typeof terminalJson>[0]);
  switch (kind) {
    case "first":
      return result === undefined || result === null ? [] : [line(result)];
    case "collect":
      return (result as unknown[]).map(line);
    case "notify": {
      const { failures } = result as { failures: HandlerFailure[] };
      if (failures.length > 0)
        fail(`${trigger} failed in ${failures.map((failure) => failure.source).join(", ")}`, "trigger-failed");
      return [];
    }
    case "veto": {
      const outcome = result as VetoOutcome;
      if (!outcome.allowed) fail(`${outcome.source} refused ${trigger}: ${outcome.reason}`, "trigger-refused");
      return [];
    }
  }
}

/**
 * `plugin:trigger <trigger> <json-payload>`: fires a trigger through the bus (which checks the
 * payload) and prints the combined result as JSON. `plugin:trigger <trigger> <arg>...`, Dokku's
 * positional form: the arguments become the typed payload in the order the declaration gives,
 * and the result is printed as Dokku's triggers print theirs (positionalLines).
 */
export async function fireTriggerCommand(ctx: Context, args: readonly string[]): Promise<string[]> {
  const [trigger, ...rest] = args;
  if (trigger === undefined || trigger === "") fail("Please specify a trigger name", "usage");
  if (!Object.hasOwn(ALL_TRIGGERS, trigger)) fail(`Unknown trigger ${trigger}`, "unknown-trigger");
  const declaration = ALL_TRIGGERS[trigger as TriggerName];
  if (!jsonForm(rest)) {
    const payload = positionalPayload(declaration, rest);
    const result = await ctx.bus.fire(trigger as TriggerName, payload as never);
    return positionalLines(trigger, declaration.kind, result);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(rest[0] as string);
  } catch (error) {
    return fail(`Invalid JSON payload: ${(error as Error).message}`, "usage");
  }
  const result = await ctx.bus.fire(trigger as TriggerName, payload as never);
  // a plugin's part of the result may hold C1 or bidi controls, which JSON leaves as they are
  return [terminalJson(result ?? null)];
}
