// A dokku plugin in AssemblyScript: one export per command (`cmd_` + the name, `:` and `-` as
// `_`) and per trigger (`on_` + the name). See sdk/GUIDE.md.
import { fail, ok, output, readCommand, store } from "@dokku/as-kit/assembly/index";

export function cmd_hello_world(): i32 {
  const input = readCommand();
  if (input.app === null) return fail("Please specify an app");
  const app = input.app!;
  const before = store.get("count");
  const count = (before === null ? 0 : I32.parseInt(before)) + 1;
  store.set("count", count.toString());
  output.step("Hello, " + app + " (said " + count.toString() + (count == 1 ? " time)" : " times)"));
  return ok();
}
