import { terminalText } from "../core/terminal-text";

/**
 * Why a call into a plugin failed:
 * - `failed`: the module set an error (`error_set` + non-zero return); the message is its own text;
 * - `misuse`: it called a host function with bad input (an invalid key, a value over 64 KiB, a
 *   property call without an app ...); the message names the function, not the plugin;
 * - `timeout`: it ran past its deadline and the sandbox process was killed;
 * - `memory`: it used more memory than its limit;
 * - `crashed`: the module trapped (unreachable, out-of-bounds access ...) or the sandbox process died;
 * - `bad-output`: its output is not JSON (or is too large);
 * - `denied`: it called a host function it was not granted, or reached a host it may not.
 */
export type PluginCallFailure = "failed" | "misuse" | "timeout" | "memory" | "crashed" | "bad-output" | "denied";

export const PLUGIN_CALL_FAILURES: readonly PluginCallFailure[] = [
  "failed",
  "misuse",
  "timeout",
  "memory",
  "crashed",
  "bad-output",
  "denied",
];

/**
 * A failed plugin call. The message is the why only; callers name the plugin and what was called.
 * It may quote the plugin (its own error text, a bad output): it is stripped of escape sequences
 * and control characters here, so no caller prints them.
 */
export class PluginCallError extends Error {
  readonly reason: PluginCallFailure;

  constructor(reason: PluginCallFailure, message: string) {
    super(terminalText(message));
    this.name = "PluginCallError";
    this.reason = reason;
  }
}
