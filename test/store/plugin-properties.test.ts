import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CORE_PROPERTY_NAMESPACES } from "../../src/core/state-names";
import {
  mayHoldLegacyProperties,
  migratePluginProperties,
  removePluginProperties,
} from "../../src/store/plugin-properties";
import { coreProperties, pluginProperties, PropertyStore } from "../../src/store/property-store";
import { tempDir } from "../harness";

/** A store as plugins' properties were kept before issue 12: beside the core's. */
const legacyStore = (configRoot: string) => new PropertyStore<string>(configRoot);

describe("migratePluginProperties (issue 12)", () => {
  test("moves config/<plugin> to config/plugins/<plugin>, every scope, once", () => {
    using dir = tempDir();
    const configRoot = join(dir.path, "config");
    legacyStore(configRoot).set("maintenance", "web", "enabled", "true");
    legacyStore(configRoot).set("maintenance", "--global", "page", "<h1>down</h1>");
    migratePluginProperties(configRoot, "maintenance");
    migratePluginProperties(configRoot, "maintenance");
    const plugins = pluginProperties(configRoot);
    expect({
      legacy: existsSync(join(configRoot, "maintenance")),
      web: plugins.getAll("maintenance", "web"),
      global: plugins.getAll("maintenance", "--global"),
    }).toEqual({ legacy: false, web: { enabled: "true" }, global: { page: "<h1>down</h1>" } });
  });

  test("never moves a core namespace's folder, whatever a plugin is called", () => {
    using dir = tempDir();
    const configRoot = join(dir.path, "config");
    const core = coreProperties(configRoot);
    core.set("app-json", "web", "appjson-path", "deploy/app.json");
    for (const name of [...CORE_PROPERTY_NAMESPACES, "plugins"]) migratePluginProperties(configRoot, name);
    expect({
      core: core.get("app-json", "web", "appjson-path"),
      plugins: pluginProperties(configRoot).plugins(),
    }).toEqual({ core: "deploy/app.json", plugins: [] });
    expect(CORE_PROPERTY_NAMESPACES.filter(mayHoldLegacyProperties)).toEqual([]);
  });

  test("leaves the old folder alone once the plugin has properties in its own (nothing is merged or lost)", () => {
    using dir = tempDir();
    const configRoot = join(dir.path, "config");
    legacyStore(configRoot).set("notify", "web", "url", "http://old");
    pluginProperties(configRoot).set("notify", "web", "url", "http://new");
    migratePluginProperties(configRoot, "notify");
    expect({
      old: legacyStore(configRoot).get("notify", "web", "url"),
      current: pluginProperties(configRoot).get("notify", "web", "url"),
    }).toEqual({
      old: "http://old",
      current: "http://new",
    });
  });

  test("does nothing for a plugin that never stored anything", () => {
    using dir = tempDir();
    const configRoot = join(dir.path, "config");
    migratePluginProperties(configRoot, "labels");
    expect(existsSync(configRoot)).toBe(false);
  });
});

describe("removePluginProperties", () => {
  test("removes the plugin's folder and the one from before, never a core namespace's", () => {
    using dir = tempDir();
    const configRoot = join(dir.path, "config");
    const core = coreProperties(configRoot);
    core.set("app-json", "web", "appjson-path", "app.json");
    pluginProperties(configRoot).set("app-json", "web", "x", "1");
    pluginProperties(configRoot).set("keeper", "web", "secret", "s");
    legacyStore(configRoot).set("keeper", "api", "secret", "old");
    removePluginProperties(configRoot, "app-json");
    removePluginProperties(configRoot, "keeper");
    expect({
      core: core.get("app-json", "web", "appjson-path"),
      plugins: pluginProperties(configRoot).plugins(),
      legacy: existsSync(join(configRoot, "keeper")),
    }).toEqual({
      core: "app.json",
      plugins: [],
      legacy: false,
    });
  });

  test("issue 14: never moves nor purges an app's config folder (config/<app>/ENV) named like a plugin", () => {
    using dir = tempDir();
    const configRoot = join(dir.path, "config");
    const core = coreProperties(configRoot);
    core.setScopeFile("notify", "ENV", "export A='1'\n");
    migratePluginProperties(configRoot, "notify");
    removePluginProperties(configRoot, "notify");
    expect({
      env: core.getScopeFile("notify", "ENV"),
      moved: existsSync(join(configRoot, "plugins", "notify")),
    }).toEqual({
      env: "export A='1'\n",
      moved: false,
    });
  });
});
