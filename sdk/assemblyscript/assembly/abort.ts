/**
 * The `abort` handler plugins are built with (`--use abort=~lib/@dokku/as-kit/assembly/abort/abort`),
 * so modules have no `env.abort` import. An abort (a failed `assert`, `abort("...")`, a kit
 * getter on a value of the wrong type) prints its message as a warning through `dokku_output`,
 * sets it as the call's error, and traps: the host reports the call as failed.
 */
import { output } from "./host";
import { setErrorText } from "./memory";

export function abort(message: string | null = null, fileName: string | null = null, line: u32 = 0, column: u32 = 0): void {
  let text = message === null ? "abort" : message;
  if (fileName !== null) text += " (" + fileName + ":" + line.toString() + ":" + column.toString() + ")";
  output.warn(text);
  setErrorText(text);
  unreachable();
}
