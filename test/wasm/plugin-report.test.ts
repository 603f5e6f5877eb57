import { describe, expect, test } from "bun:test";
import { pluginListJson, pluginListLines, pluginReport } from "../../src/wasm/plugin-report";
import type { InstalledPlugin } from "../../src/wasm/types";

/** A plugin record whose texts carry escape sequences, as an index written before they were refused would. */
const EVIL: InstalledPlugin = {
  manifest: {
    name: "evil",
    version: "1.0.0",
    description: "Evil\x1b]52;c;cHduZWQ=\x07 \x1b[2Jplugin\r\u202e\x9b1m",
    sdk: 1,
    module: { file: "evil.wasm", sha256: "a".repeat(64) },
    triggers: [{ name: "post-deploy", version: 1 }],
    commands: [{ name: "evil:run", help: "Runs\x1b]0;title\x07", usage: "<app>", app: true }],
    permissions: { net: false, config: false, store: false, nginx: false, dockerArgs: false },
    limits: { timeoutMs: 1000, memoryMb: 16 },
  },
  grants: { net: [], config: false, store: false, nginx: false, dockerArgs: false },
  enabled: true,
  dir: "/var/lib/dokku/plugins/wasm/evil",
  source: "/tmp/evil\x1b[8m",
  installedAt: "2025-01-01T00:00:00.000Z",
};

describe("plugin:list and plugin:report (issue 12)", () => {
  test("show a plugin's description and source without escape sequences or controls, as text and as JSON", () => {
    const report = pluginReport(EVIL);
    expect(report.entries["--plugin-description"]).toBe("Evil plugin");
    expect(report.entries["--plugin-source"]).toBe("/tmp/evil");
    const listed = JSON.parse(pluginListJson([EVIL], { names: [], version: "1.0.0" })) as {
      description: string;
      source: string;
      source_url: string;
    }[];
    expect(listed.map(({ description, source, source_url }) => ({ description, source, source_url }))).toEqual([
      { description: "Evil plugin", source: "/tmp/evil", source_url: "/tmp/evil" },
    ]);
    expect(pluginListLines([EVIL]).join("\n")).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
  });

  test("the JSON list names the core plugins first, as Dokku's: core, enabled, no source", () => {
    const listed = JSON.parse(pluginListJson([EVIL], { names: ["ps", "apps"], version: "1.2.3" })) as Record<
      string,
      unknown
    >[];
    expect(listed.map(({ name, core, enabled }) => ({ name, core, enabled }))).toEqual([
      { name: "apps", core: true, enabled: true },
      { name: "ps", core: true, enabled: true },
      { name: "evil", core: false, enabled: true },
    ]);
    expect(listed[0]).toEqual({
      name: "apps",
      version: "1.2.3",
      enabled: true,
      core: true,
      description: "dokku core apps plugin",
      source_url: "",
      committish: "",
      branch: "",
    });
  });
});
