import { describe, expect, test } from "bun:test";
import { createOutput, memorySink, PREFIX } from "../../src/core/output";

describe("output", () => {
  test("prefixes steps, headings and details on stdout, alerts on stderr", () => {
    const sink = memorySink();
    const out = createOutput(sink);
    out.step("Creating web...");
    out.heading("web app information");
    out.detail("App dir: /home/dokku/web");
    out.print("raw data");
    out.warn("careful");
    out.error("App web does not exist");
    expect(sink).toMatchObject({
      out: "-----> Creating web...\n=====> web app information\n       App dir: /home/dokku/web\nraw data\n",
      err: " !     careful\n !     App web does not exist\n",
    });
    expect(PREFIX).toEqual({ step: "-----> ", heading: "=====> ", detail: "       ", alert: " !     " });
  });

  test("prefixes every line of a multi-line message", () => {
    const sink = memorySink();
    const out = createOutput(sink);
    out.error("`x` is not a dokku command.\nSee `dokku help`.");
    out.detail("one\ntwo");
    expect(sink).toMatchObject({
      out: "       one\n       two\n",
      err: " !     `x` is not a dokku command.\n !     See `dokku help`.\n",
    });
  });

  test("--quiet silences steps, headings and details but never data or alerts", () => {
    const sink = memorySink();
    const out = createOutput(sink, { quiet: true });
    out.step("Creating web...");
    out.heading("web app information");
    out.detail("detail");
    out.print("data");
    out.warn("careful");
    out.error("failed");
    expect(out.quiet).toBe(true);
    expect(sink).toMatchObject({ out: "data\n", err: " !     careful\n !     failed\n" });
  });

  test("traces to stderr with `+ ` only when trace is on", () => {
    const off = memorySink();
    createOutput(off).trace("trigger post-create {}");
    expect(off).toMatchObject({ out: "", err: "" });
    const on = memorySink();
    createOutput(on, { trace: true, quiet: true }).trace("trigger post-create {}");
    expect(on).toMatchObject({ out: "", err: "+ trigger post-create {}\n" });
  });

  test("prints text as given: no format directives, no throttling of repeated lines, empty lines kept", () => {
    const sink = memorySink();
    const out = createOutput(sink);
    out.print("100%d %s %o %j");
    out.print("");
    for (let i = 0; i < 12; i++) out.print("same line");
    expect(sink.out).toBe(`100%d %s %o %j\n\n${"same line\n".repeat(12)}`);
  });
});
