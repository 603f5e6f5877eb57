import { describe, expect, test } from "bun:test";
import { createOutput, memorySink } from "../../src/core/output";
import { parseFormat, printReport, reportJson, reportLines, reportValue, type Report } from "../../src/core/report";
import { dokkuErrorOf } from "../harness";

const REPORT: Report = {
  type: "app",
  target: "web",
  entries: {
    "--app-locked": "false",
    "--app-dir": "/home/dokku/web",
    "--app-deploy-source": "",
  },
};

describe("report", () => {
  test("reportLines sorts the flags, uppercases the first letter and pads keys to 31 characters", () => {
    expect(reportLines(REPORT)).toEqual([
      "App deploy source:             ",
      "App dir:                       /home/dokku/web",
      "App locked:                    false",
    ]);
  });

  test("reportLines pads to the longest flag when it passes 31 characters, turning dots into spaces", () => {
    const lines = reportLines({
      type: "nginx",
      target: "web",
      entries: { "--nginx-proxy-read-timeout.extra-long": "60s", "--nginx-bind-address-ipv4": "" },
    });
    expect(lines).toEqual(["Nginx bind address ipv4:             ", "Nginx proxy read timeout extra long: 60s"]);
    expect("--nginx-proxy-read-timeout.extra-long".length).toBe(37);
  });

  test("reportJson gives trimmed and legacy keys, sorted as Dokku's Go map", () => {
    expect(reportJson(REPORT)).toBe(
      JSON.stringify({
        "app-deploy-source": "",
        "app-dir": "/home/dokku/web",
        "app-locked": "false",
        "deploy-source": "",
        dir: "/home/dokku/web",
        locked: "false",
      }),
    );
  });

  test("reportJson keeps a flag of another prefix under its legacy key only", () => {
    expect(
      reportJson({ type: "app", target: "web", entries: { "--app-locked": "true", "--deploy-branch": "main" } }),
    ).toBe('{"app-locked":"true","deploy-branch":"main","locked":"true"}');
  });

  test("reportValue gives one raw value", () => {
    expect(reportValue(REPORT, "--app-dir")).toBe("/home/dokku/web");
    expect(reportValue(REPORT, "--app-deploy-source")).toBe("");
  });

  test("reportValue refuses an unknown flag listing the valid ones", () => {
    expect(dokkuErrorOf(() => reportValue(REPORT, "--app-nope"))).toBe(
      "Invalid flag passed, valid flags: --app-deploy-source, --app-dir, --app-locked",
    );
  });

  test("parseFormat takes stdout and json and refuses anything else", () => {
    expect(parseFormat(undefined)).toBe("stdout");
    expect(parseFormat("")).toBe("stdout");
    expect(parseFormat("stdout")).toBe("stdout");
    expect(parseFormat("json")).toBe("json");
    expect(dokkuErrorOf(() => parseFormat("yaml"))).toBe(
      "Invalid --format value specified: yaml. Valid values: stdout, json",
    );
  });

  test("printReport prints a heading and 7-space indented lines", () => {
    const sink = memorySink();
    printReport(createOutput(sink), REPORT);
    expect(sink).toMatchObject({
      out: [
        "=====> web app information",
        "       App deploy source:             ",
        "       App dir:                       /home/dokku/web",
        "       App locked:                    false",
        "",
      ].join("\n"),
      err: "",
    });
  });

  test("printReport with --quiet keeps the lines and drops the heading", () => {
    const sink = memorySink();
    printReport(createOutput(sink, { quiet: true }), REPORT);
    expect(sink.out.split("\n")[0]).toBe("       App deploy source:             ");
  });

  test("printReport prints JSON, or one value for an info flag", () => {
    const json = memorySink();
    printReport(createOutput(json), REPORT, { format: "json" });
    expect(JSON.parse(json.out)).toMatchObject({ locked: "false", "app-locked": "false" });
    const one = memorySink();
    printReport(createOutput(one), REPORT, { flag: "--app-locked" });
    expect(one.out).toBe("false\n");
  });

  test("printReport refuses an info flag with --format json and prints nothing", () => {
    const sink = memorySink();
    expect(dokkuErrorOf(() => printReport(createOutput(sink), REPORT, { format: "json", flag: "--app-dir" }))).toBe(
      "--format flag cannot be specified when specifying an info flag",
    );
    expect(sink).toMatchObject({ out: "", err: "" });
  });
});

describe("reportJson without legacy keys", () => {
  test("carries only the trimmed keys when the report says so (Dokku's EmitLegacyPrefix false)", () => {
    const report = {
      type: "ssl",
      target: "web",
      legacyKeys: false,
      entries: { "--ssl-enabled": "true", "--ssl-dir": "/d" },
    } as const;
    expect(JSON.parse(reportJson(report))).toEqual({ dir: "/d", enabled: "true" });
  });
});
