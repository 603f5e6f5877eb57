import { describe, expect, test } from "bun:test";
import { progressPrinter } from "../../../src/plugins/registry/push";
import { tempRoots } from "../../harness";
import { testContext } from "../apps/context";

describe("progressPrinter", () => {
  test("prints status lines, not progress bars, and one line per retry countdown", () => {
    using roots = tempRoots();
    const { ctx, sink } = testContext(roots.env);
    const print = progressPrinter(ctx);
    print({ status: "The push refers to repository [host:5000/dokku/shop]" });
    print({ status: "Preparing", id: "8ea3" });
    print({ status: "Pushing", id: "8ea3", progress: "[=>   ] 48kB/2MB" });
    for (const seconds of [3, 2, 1])
      print({ status: `Retrying in ${seconds} second${seconds === 1 ? "" : "s"}`, id: "8ea3" });
    print({ status: "Retrying in 10 seconds", id: "8ea3" });
    print({ status: "Pushed", id: "8ea3" });
    print({});
    expect(sink.out.split("\n")).toEqual([
      "       The push refers to repository [host:5000/dokku/shop]",
      "       8ea3: Preparing",
      "       8ea3: Retrying in 3 seconds",
      "       8ea3: Retrying in 10 seconds",
      "       8ea3: Pushed",
      "",
    ]);
  });
});
