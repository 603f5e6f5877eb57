import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathsFromEnv } from "../../src/core/paths";
import {
  indexPath,
  listInstalledPlugins,
  parseIndex,
  pluginModulePath,
  renderIndex,
  writeIndex,
} from "../../src/wasm/registry";
import type { InstalledPlugin } from "../../src/wasm/types";
import { dokkuErrorOf, tempRoots } from "../harness";

function record(name: string, enabled = true): InstalledPlugin {
  return {
    manifest: {
      name,
      version: "1.0.0",
      description: "d",
      sdk: 1,
      module: { file: `${name}.wasm`, sha256: "a".repeat(64) },
      triggers: [],
      commands: [],
      permissions: { net: false, config: false, store: false, nginx: false, dockerArgs: false },
      limits: { timeoutMs: 5000, memoryMb: 16 },
    },
    grants: { net: [], config: false, store: false, nginx: false, dockerArgs: false },
    enabled,
    dir: `/var/lib/dokku/plugins/wasm/${name}`,
    source: "/src",
    installedAt: "2025-01-01T00:00:00.000Z",
  };
}

describe("registry", () => {
  test("lists nothing when no plugin was ever installed", () => {
    using roots = tempRoots();
    expect(listInstalledPlugins(pathsFromEnv(roots.env))).toEqual([]);
  });

  test("writes the index atomically and lists every plugin, enabled or not, sorted by name", () => {
    using roots = tempRoots();
    const ctx = { paths: pathsFromEnv(roots.env), owner: undefined };
    writeIndex(ctx, [record("zeta"), record("alpha", false)]);
    expect(indexPath(ctx.paths)).toBe(join(roots.env.DOKKU_LIB_ROOT as string, "plugins", "wasm", "index.json"));
    expect(listInstalledPlugins(ctx.paths).map((plugin) => [plugin.manifest.name, plugin.enabled])).toEqual([
      ["alpha", false],
      ["zeta", true],
    ]);
    expect(readFileSync(indexPath(ctx.paths), "utf8")).toBe(renderIndex([record("alpha", false), record("zeta")]));
  });

  test("pluginModulePath is the module file inside the plugin's dir", () => {
    expect(pluginModulePath(record("hello"))).toBe("/var/lib/dokku/plugins/wasm/hello/hello.wasm");
  });

  test("refuses a corrupt index with one line saying so", () => {
    using roots = tempRoots();
    const paths = pathsFromEnv(roots.env);
    mkdirSync(join(paths.libRoot, "plugins", "wasm"), { recursive: true });
    writeFileSync(indexPath(paths), "{not json");
    expect(dokkuErrorOf(() => listInstalledPlugins(paths))).toBe(
      `The plugin index ${indexPath(paths)} is corrupt (not JSON); reinstall the plugins or restore the file`,
    );
    expect(dokkuErrorOf(() => parseIndex('{"version":1,"plugins":[{"dir":"/x"}]}', "i"))).toBe(
      "The plugin index i is corrupt (an entry lacks its manifest, grants, dir or enabled state); reinstall the plugins or restore the file",
    );
    expect(dokkuErrorOf(() => parseIndex('{"version":2,"plugins":[]}', "i"))).toContain("not a version 1 index");
    expect(existsSync(indexPath(paths))).toBe(true);
  });
});
