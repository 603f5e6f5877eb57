import { describe, expect, test } from "bun:test";
import { tempRoots } from "../../harness";
import { createApp } from "../../../src/plugins/apps/create";
import { fromReportSection, toReportSection } from "../../../src/core/report";
import { appsReport } from "../../../src/plugins/apps/report";
import { GLOBAL } from "../../../src/store/property-store";
import { testContext } from "./context";

describe("toReportSection / fromReportSection", () => {
  test("turn a report into a trigger section and back", () => {
    const report = {
      type: "app",
      target: "app1",
      entries: { "--app-locked": "false", "--app-dir": "/home/dokku/app1" },
    };
    const section = toReportSection(report);
    expect(section).toEqual({
      namespace: "app",
      entries: [
        { flag: "app-dir", value: "/home/dokku/app1" },
        { flag: "app-locked", value: "false" },
      ],
    });
    expect(fromReportSection(section, "app1")).toEqual(report);
  });

  test("issue 12: a section's texts come back without escape sequences or controls (a plugin wrote them)", () => {
    const section = {
      namespace: "evil\x1b[2J",
      entries: [{ flag: "evil-\x9b1mnote", value: "fine\x1b]52;c;cHduZWQ=\x07\roverwritten\u202e\x1b]0;title\x07" }],
    };
    expect(fromReportSection(section, "app1")).toEqual({
      type: "evil",
      target: "app1",
      entries: { "--evil-note": "fineoverwritten" },
    });
  });
});

describe("appsReport", () => {
  test("reports created-at from the clock, the dir and the global property", async () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env, new Date("2024-01-02T03:04:05Z"));
    await createApp(ctx, "app1");
    ctx.store.set("apps", GLOBAL, "disable-autocreation", "true");
    expect(appsReport(ctx, "app1")).toEqual({
      type: "app",
      target: "app1",
      entries: {
        "--app-created-at": "1704164645",
        "--app-deploy-source": "",
        "--app-deploy-source-metadata": "",
        "--app-dir": `${roots.env.DOKKU_ROOT}/app1`,
        "--app-global-disable-autocreation": "true",
        "--app-locked": "false",
      },
    });
    expect(appsReport(ctx, GLOBAL)).toEqual({
      type: "app",
      target: GLOBAL,
      entries: { "--app-global-disable-autocreation": "true" },
    });
  });

  test("is the apps plugin's section of the report trigger", async () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    await createApp(ctx, "app1");
    const sections = await ctx.bus.fire("report", { app: "app1" });
    expect(sections.find((section) => section.namespace === "app")).toEqual(toReportSection(appsReport(ctx, "app1")));
  });

  test("the app-list trigger lists created apps", async () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    await createApp(ctx, "b");
    await createApp(ctx, "a");
    expect(await ctx.bus.fire("app-list", {})).toEqual(["a", "b"]);
  });
});
