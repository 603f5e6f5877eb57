/**
 * The call's input and result (sdk/README.md "Inputs and outputs"): a trigger export reads
 * `readTrigger()` and sets its result with `setResult(json)`; a command export reads
 * `readCommand()`, may `requestProxyRebuild()`, and fails with `return fail("message")`.
 */
import { Host } from "@extism/as-pdk";
import { JsonValue, jsonString, parseJson } from "./json";
import { setErrorText, setOutputText } from "./memory";

/** The call's input as parsed JSON; aborts when the host sent something else. */
export function readInput(): JsonValue {
  const text = Host.inputString();
  const value = parseJson(text);
  if (value === null || !value.isObject()) abort("the call's input is not a JSON object");
  return value!;
}

/** What a trigger export receives. */
export class TriggerInput {
  trigger: string = "";
  version: i32 = 0;
  /** The app the trigger is about, or null. */
  app: string | null = null;
  payload: JsonValue = JsonValue.object();
}

export function readTrigger(): TriggerInput {
  const input = readInput();
  const t = new TriggerInput();
  t.trigger = input.member("trigger").asString();
  t.version = <i32>input.member("version").asI64();
  t.app = input.getString("app");
  t.payload = input.member("payload");
  return t;
}

/** What a command export receives. */
export class CommandInput {
  /** `maintenance:on` */
  command: string = "";
  /** The app (when the command declares `app = true`), else null. */
  app: string | null = null;
  /** The words after the command (the app first when `app = true`). */
  args: string[] = [];

  /** The argument at `index`, or null when there are fewer. */
  arg(index: i32): string | null {
    return index < this.args.length ? this.args[index] : null;
  }
  /** The app; fails the call when the command was not scoped to one. */
  requireApp(): string {
    if (this.app === null) abort("this command needs an app");
    return this.app!;
  }
}

export function readCommand(): CommandInput {
  const input = readInput();
  const c = new CommandInput();
  c.command = input.member("command").asString();
  c.app = input.getString("app");
  c.args = input.member("args").asStringArray();
  return c;
}

/** Sets the call's output: a result's JSON text. */
export function setResult(json: string): void {
  setOutputText(json);
}

/** A command's output asking the host to rebuild the app's proxy config (needs `nginx`). */
export function requestProxyRebuild(): void {
  setOutputText('{"rebuildProxy":true}');
}

/** A veto handler's result: allowed. */
export function vetoAllow(): void {
  setOutputText('{"allow":true}');
}

/** A veto handler's result: refused, with the reason the user sees. */
export function vetoRefuse(reason: string): void {
  setOutputText('{"allow":false,"reason":' + jsonString(reason) + "}");
}

/** Sets the call's error; returns 1 so an export can `return fail("...")`. */
export function fail(message: string): i32 {
  setErrorText(message);
  return 1;
}

/** For an export's success: `return ok()`. */
export function ok(): i32 {
  return 0;
}
