import { describe, expect, test } from "bun:test";
import { PLUGIN_CALL_FAILURES, PluginCallError } from "../../src/wasm/plugin-call-error";

describe("PluginCallError", () => {
  test("issue 12: a plugin's error text reaches no terminal with escape sequences, controls or \\r", () => {
    const hostile = "no\x1b]52;c;cHduZWQ=\x07 way\x1b[2J\x9b1;1H\x1b]0;title\x07\roverwritten\u202e\ttab\nline";
    for (const reason of PLUGIN_CALL_FAILURES) {
      expect(new PluginCallError(reason, hostile)).toMatchObject({ reason, message: "no wayoverwritten\ttab\nline" });
    }
  });
});
