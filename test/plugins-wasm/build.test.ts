import { describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildPlugin, pluginLanguage, PLUGINS_DIR, shippedPlugins } from "../../plugins-wasm/build";
import { tempDir } from "../harness";

describe("plugins-wasm/build", () => {
  test("lists the shipped plugins with their language", () => {
    const names = shippedPlugins();
    expect(names).toEqual(expect.arrayContaining(["http-auth", "maintenance", "notify"]));
    expect(["http-auth", "maintenance", "notify"].map((name) => pluginLanguage(join(PLUGINS_DIR, name)))).toEqual([
      "assemblyscript",
      "assemblyscript",
      "assemblyscript",
    ]);
  });

  test("tells AssemblyScript from C from a folder that is no plugin", () => {
    using root = tempDir("dokku-build-dispatch-");
    const make = (name: string, files: Record<string, string>) => {
      mkdirSync(join(root.path, name, "assembly"), { recursive: true });
      for (const [file, text] of Object.entries(files)) writeFileSync(join(root.path, name, file), text);
    };
    make("as", { "plugin.toml": "" });
    mkdirSync(join(root.path, "c"));
    writeFileSync(join(root.path, "c", "plugin.toml"), "");
    writeFileSync(join(root.path, "c", "main.c"), "");
    mkdirSync(join(root.path, "docs"));
    expect(["as", "c", "docs"].map((name) => pluginLanguage(join(root.path, name)))).toEqual([
      "assemblyscript",
      "c",
      null,
    ]);
    expect(shippedPlugins(root.path)).toEqual(["as", "c"]);
  });

  test("refuses to build a folder that holds no plugin", async () => {
    using root = tempDir("dokku-build-dispatch-");
    mkdirSync(join(root.path, "empty"));
    const error = await buildPlugin("empty", undefined, root.path).then(
      () => "built",
      (e: Error) => e.message,
    );
    expect(error).toBe("plugins-wasm/empty: no plugin.toml with assembly/ or *.c sources");
  });
});
