/**
 * Moving bytes between the plugin and Extism's memory, on top of @extism/as-pdk. Strings are
 * encoded as UTF-8 with their byte length (as-pdk's `Host.outputString` uses the UTF-16 length,
 * which truncates non-ASCII output).
 */
import { Memory } from "@extism/as-pdk";
import { error_set, free, length, output_set } from "@extism/as-pdk/lib/env";

/** `text` as UTF-8 in a new Extism memory block. */
export function storeString(text: string): Memory {
  return Memory.allocateBytes(Uint8Array.wrap(String.UTF8.encode(text)));
}

/** The UTF-8 text of the Extism memory block at `offset` (0 = none: null). */
export function loadString(offset: u64): string | null {
  if (offset == 0) return null;
  const text = new Memory(offset, length(offset)).toString();
  free(offset);
  return text;
}

/** Sets the call's output to `text`. */
export function setOutputText(text: string): void {
  const mem = storeString(text);
  output_set(mem.offset, mem.length);
}

/** Sets the call's error message (the host prints it; return non-zero from the export). */
export function setErrorText(message: string): void {
  const mem = storeString(message);
  error_set(mem.offset);
}
