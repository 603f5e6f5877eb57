import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { coreProperties, GLOBAL, pluginProperties, PropertyStore } from "../../src/store/property-store";
import { dokkuErrorOf, tempDir } from "../harness";

/** A store of any namespaces: what every store does, whoever's names it keeps. */
function store(root: string): PropertyStore<string> {
  return new PropertyStore<string>(join(root, "config"));
}

describe("PropertyStore", () => {
  test("stores a property at <root>/<plugin>/<scope>/<key> with mode 0600", () => {
    using dir = tempDir();
    const props = store(dir.path);
    props.set("apps", "web", "locked", "true");
    const path = join(dir.path, "config", "apps", "web", "locked");
    expect(readFileSync(path, "utf8")).toBe("true");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(props.get("apps", "web", "locked")).toBe("true");
    expect(props.has("apps", "web", "locked")).toBe(true);
  });

  test("returns undefined for a property, scope or plugin that does not exist", () => {
    using dir = tempDir();
    const props = store(dir.path);
    expect(props.get("apps", "web", "locked")).toBeUndefined();
    expect(props.has("apps", "web", "locked")).toBe(false);
    expect(props.getAll("apps", "web")).toEqual({});
    expect(props.plugins()).toEqual([]);
    expect(props.scopes("apps")).toEqual([]);
  });

  test("overwrites a value and deletes it without error when already gone", () => {
    using dir = tempDir();
    const props = store(dir.path);
    props.set("apps", "web", "locked", "true");
    props.set("apps", "web", "locked", "false");
    expect(props.get("apps", "web", "locked")).toBe("false");
    props.delete("apps", "web", "locked");
    props.delete("apps", "web", "locked");
    expect(props.get("apps", "web", "locked")).toBeUndefined();
  });

  test("computes the app value, else the global one, else the fallback", () => {
    using dir = tempDir();
    const props = store(dir.path);
    expect(props.getComputed("proxy", "web", "type", "nginx")).toBe("nginx");
    props.set("proxy", GLOBAL, "type", "caddy");
    expect(props.getComputed("proxy", "web", "type", "nginx")).toBe("caddy");
    props.set("proxy", "web", "type", "traefik");
    expect(props.getComputed("proxy", "web", "type", "nginx")).toBe("traefik");
    props.set("proxy", "web", "type", "");
    expect(props.getComputed("proxy", "web", "type", "nginx")).toBe("caddy");
  });

  test("stores a list one item a line and reads it back without blank lines", () => {
    using dir = tempDir();
    const props = store(dir.path);
    props.setList("domains", "web", "vhosts", ["a.example.com", "b.example.com"]);
    expect(readFileSync(props.path("domains", "web", "vhosts"), "utf8")).toBe("a.example.com\nb.example.com\n");
    expect(props.getList("domains", "web", "vhosts")).toEqual(["a.example.com", "b.example.com"]);
    props.setList("domains", "web", "vhosts", []);
    expect(props.getList("domains", "web", "vhosts")).toEqual([]);
    expect(props.getList("domains", "web", "missing")).toEqual([]);
  });

  test("refuses a list item with a newline and writes nothing", () => {
    using dir = tempDir();
    const props = store(dir.path);
    expect(dokkuErrorOf(() => props.setList("domains", "web", "vhosts", ["a", "b\nc"]))).toBe(
      "List values cannot contain newlines (domains.vhosts)",
    );
    expect(props.has("domains", "web", "vhosts")).toBe(false);
  });

  test("stores a map as a JSON object and refuses a property that is not one", () => {
    using dir = tempDir();
    const props = store(dir.path);
    props.setMap("ports", "web", "map", { http: "80:5000", https: "443:5000" });
    expect(props.getMap("ports", "web", "map")).toEqual({ http: "80:5000", https: "443:5000" });
    expect(props.getMap("ports", "web", "missing")).toEqual({});
    props.set("ports", "web", "list", "[1,2]");
    expect(dokkuErrorOf(() => props.getMap("ports", "web", "list"))).toBe(
      "Property ports/web/list is not a JSON object",
    );
    props.set("ports", "web", "torn", '{"http":');
    expect(dokkuErrorOf(() => props.getMap("ports", "web", "torn"))).toBe(
      "Property ports/web/torn is not a JSON object",
    );
  });

  test("lists every property of a scope, skipping temp files", () => {
    using dir = tempDir();
    const props = store(dir.path);
    props.set("apps", "web", "b", "2");
    props.set("apps", "web", "a", "1");
    writeFileSync(join(props.path("apps", "web"), ".a.123.tmp"), "partial");
    expect(props.getAll("apps", "web")).toEqual({ a: "1", b: "2" });
    expect(props.plugins()).toEqual(["apps"]);
    expect(props.scopes("apps")).toEqual(["web"]);
  });

  test("destroys a scope in every plugin and leaves the others", () => {
    using dir = tempDir();
    const props = store(dir.path);
    props.set("apps", "web", "locked", "true");
    props.set("config", "web", "env", "{}");
    props.set("config", "api", "env", "{}");
    props.destroyScope("web");
    expect(props.scopes("apps")).toEqual([]);
    expect(props.scopes("config")).toEqual(["api"]);
    expect(props.get("config", "api", "env")).toBe("{}");
  });

  test("issue 14: destroy, rename and copy carry the core store's per-scope folder (config/<app>/ENV), never a namespace's", () => {
    using dir = tempDir();
    const props = coreProperties(join(dir.path, "config"));
    props.setScopeFile("web", "ENV", "export A='1'\n");
    props.set("cron", "web", "x", "1");
    props.copyScope("web", "copy");
    props.renameScope("web", "site");
    expect([
      props.getScopeFile("copy", "ENV"),
      props.getScopeFile("site", "ENV"),
      props.getScopeFile("web", "ENV"),
    ]).toEqual(["export A='1'\n", "export A='1'\n", undefined]);
    props.destroyScope("copy");
    expect(existsSync(join(dir.path, "config", "copy"))).toBe(false);
    // an app named like a namespace before that was refused: its scope ops leave the namespace alone
    props.destroyScope("cron");
    props.renameScope("cron", "other");
    expect(props.get("cron", "site", "x")).toBe("1");
    expect(dokkuErrorOf(() => props.getScopeFile("cron", "ENV"))).toBe(
      "App cron has a reserved name: rename it with apps:rename to use its config",
    );
    expect(dokkuErrorOf(() => pluginProperties(join(dir.path, "config")).getScopeFile("web", "ENV"))).toBe(
      "The plugins' store keeps no per-scope files",
    );
  });

  test("renames a scope in every plugin that has it", () => {
    using dir = tempDir();
    const props = store(dir.path);
    props.set("apps", "web", "locked", "true");
    props.set("config", "web", "env", '{"A":"1"}');
    props.set("ports", "api", "map", "{}");
    props.renameScope("web", "site");
    expect(props.getAll("apps", "site")).toEqual({ locked: "true" });
    expect(props.getAll("config", "site")).toEqual({ env: '{"A":"1"}' });
    expect(existsSync(props.path("apps", "web"))).toBe(false);
    expect(props.scopes("ports")).toEqual(["api"]);
  });

  test("copies a scope in every plugin and keeps the source", () => {
    using dir = tempDir();
    const props = store(dir.path);
    props.set("apps", "web", "locked", "true");
    props.set("config", "web", "env", '{"A":"1"}');
    props.copyScope("web", "web-2");
    expect(props.getAll("config", "web-2")).toEqual({ env: '{"A":"1"}' });
    expect(props.getAll("apps", "web-2")).toEqual({ locked: "true" });
    expect(props.getAll("config", "web")).toEqual({ env: '{"A":"1"}' });
    expect(statSync(props.path("config", "web-2", "env")).mode & 0o777).toBe(0o600);
  });

  test.each([
    ["plugin", "..", "web", "key", ".."],
    ["plugin", "a/b", "web", "key", "a/b"],
    ["plugin", "", "web", "key", ""],
    ["scope", "apps", "..", "key", ".."],
    ["scope", "apps", ".", "key", "."],
    ["scope", "apps", "../../etc", "key", "../../etc"],
    ["property", "apps", "web", "..", ".."],
    ["property", "apps", "web", "a/b", "a/b"],
    ["property", "apps", "web", "a\0b", "a\0b"],
  ])(
    "refuses a %s name that is not one path segment (%p %p %p) and writes nothing",
    (what, plugin, scope, key, bad) => {
      using dir = tempDir();
      const props = store(dir.path);
      expect(dokkuErrorOf(() => props.set(plugin, scope, key, "x"))).toBe(`Invalid ${what} name: '${bad}'`);
      expect(dokkuErrorOf(() => props.get(plugin, scope, key))).toBe(`Invalid ${what} name: '${bad}'`);
      expect(existsSync(join(dir.path, "config"))).toBe(false);
    },
  );

  test("refuses a scope name with a slash in destroy, rename and copy", () => {
    using dir = tempDir();
    const props = store(dir.path);
    props.set("apps", "web", "locked", "true");
    mkdirSync(join(dir.path, "config", "apps", "other"));
    expect(dokkuErrorOf(() => props.destroyScope(".."))).toBe("Invalid scope name: '..'");
    expect(dokkuErrorOf(() => props.renameScope("web", "../x"))).toBe("Invalid scope name: '../x'");
    expect(dokkuErrorOf(() => props.copyScope("web", "a/b"))).toBe("Invalid scope name: 'a/b'");
    expect(props.get("apps", "web", "locked")).toBe("true");
    expect(props.scopes("apps")).toEqual(["other", "web"]);
  });
});

describe("coreProperties and the plugins' store (issue 12)", () => {
  test("keeps plugin properties in config/plugins/<plugin>, which is never a core namespace", () => {
    using dir = tempDir();
    const configRoot = join(dir.path, "config");
    const core = coreProperties(configRoot);
    const plugins = pluginProperties(configRoot);
    core.set("app-json", "web", "appjson-path", "app.json");
    plugins.set("app-json", "web", "appjson-path", "../../../etc/passwd");
    expect({
      corePath: core.path("app-json", "web", "appjson-path"),
      pluginPath: plugins.path("app-json", "web", "appjson-path"),
      coreValue: core.get("app-json", "web", "appjson-path"),
      namespaces: core.plugins(),
      pluginNamespaces: plugins.plugins(),
    }).toEqual({
      corePath: join(configRoot, "app-json", "web", "appjson-path"),
      pluginPath: join(configRoot, "plugins", "app-json", "web", "appjson-path"),
      coreValue: "app.json",
      namespaces: ["app-json"],
      pluginNamespaces: ["app-json"],
    });
  });

  test("destroys, renames and copies an app's scope in the plugins' store too", () => {
    using dir = tempDir();
    const configRoot = join(dir.path, "config");
    const core = coreProperties(configRoot);
    const plugins = pluginProperties(configRoot);
    core.set("config", "web", "env", "{}");
    plugins.set("maintenance", "web", "enabled", "true");
    plugins.set("maintenance", "api", "enabled", "true");
    core.copyScope("web", "web-2");
    core.renameScope("api", "site");
    core.destroyScope("web");
    expect({
      scopes: plugins.scopes("maintenance"),
      copied: plugins.get("maintenance", "web-2", "enabled"),
      core: core.scopes("config"),
    }).toEqual({
      scopes: ["site", "web-2"],
      copied: "true",
      core: ["web-2"],
    });
  });

  test("an app named like a plugin loses only its own properties: the plugin's folder is not a scope of the core", () => {
    using dir = tempDir();
    const configRoot = join(dir.path, "config");
    const core = coreProperties(configRoot);
    const plugins = pluginProperties(configRoot);
    plugins.set("maintenance", "web", "enabled", "true");
    plugins.set("maintenance", "maintenance", "enabled", "true");
    core.set("apps", "maintenance", "locked", "true");
    core.destroyScope("maintenance");
    core.renameScope("web", "plugins");
    expect({ plugin: plugins.scopes("maintenance"), core: core.plugins(), apps: core.scopes("apps") }).toEqual({
      plugin: ["plugins"],
      core: ["apps"],
      apps: [],
    });
  });
});
