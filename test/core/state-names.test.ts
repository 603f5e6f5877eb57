import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CORE_DATA_DIRS, CORE_PROPERTY_NAMESPACES, PLUGIN_PROPERTIES_DIR } from "../../src/core/state-names";
import { UNAVAILABLE_BUILDER_PROPERTIES } from "../../src/plugins/builder/unavailable-properties";
import { PROPERTIES_ONLY } from "../../src/plugins/properties-only/namespaces";
import { REPO_ROOT } from "../harness";

/**
 * Issue 12 item 4: the names the core keeps state under are the ones core/state-names lists, read
 * off the code itself. The type of PropertyStore and pluginDataDir already refuses an unlisted
 * name; this scan is the backstop (a cast, a new way of calling) and keeps the list from holding
 * names nothing uses.
 */
const SRC = join(REPO_ROOT, "src");
const SOURCES = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((file) => file.endsWith(".ts") && !file.startsWith("triggers/generated/"))
  .map((file) => ({ file, text: readFileSync(join(SRC, file), "utf8") }));

const STORE_CALL =
  /\bstore\s*\.\s*(?:get|set|has|delete|getList|setList|getMap|setMap|getAll|getComputed|path|scopes|namespaceDir)\(\s*([^,)]+)/g;
const DATA_DIR_CALL = /\bpluginDataDir\(\s*[^,]+,\s*([^,):]+)\)/g;
/** Where a namespace is passed through as a parameter (typed CorePropertyNamespace) or is a plugin's own (the plugins' store). */
const PASS_THROUGH: Record<string, readonly string[]> = {
  "plugins/property-set.ts": ["plugin"],
  "wasm/sandbox-child.ts": ["plugin"],
  "store/plugin-properties.ts": ["plugin"],
  "plugins/properties-only/properties.ts": ["namespace.name"],
  "plugins/config/config-to-property.ts": ["plugin"],
  "plugins/builder/unavailable-properties.ts": ["stored"],
};
/** The properties-only and unavailable builders' namespaces store under their declared name (passed through above). */
const DECLARED_NAMESPACES = [
  ...Object.values(PROPERTIES_ONLY).map((namespace) => namespace.name),
  ...Object.values(UNAVAILABLE_BUILDER_PROPERTIES).map((builder) => builder.namespace),
];

/** `"name"`, or a `const NAME = "name"` of the same file, else of the one file declaring it. */
function resolve(token: string, text: string): string | undefined {
  const literal = /^"([^"]+)"$/.exec(token);
  if (literal) return literal[1];
  const local = new RegExp(`\\bconst\\s+${token}\\s*=\\s*"([^"]+)"`).exec(text);
  if (local) return local[1];
  const declared = SOURCES.flatMap((source) =>
    [...source.text.matchAll(new RegExp(`\\bexport\\s+const\\s+${token}\\s*=\\s*"([^"]+)"`, "g"))].map(
      (match) => match[1],
    ),
  );
  return declared.length === 1 ? declared[0] : undefined;
}

function namesUsed(pattern: RegExp): { names: string[]; unresolved: string[] } {
  const names = new Set<string>();
  const unresolved: string[] = [];
  for (const { file, text } of SOURCES) {
    for (const match of text.matchAll(pattern)) {
      const token = (match[1] as string).trim();
      if (PASS_THROUGH[file]?.includes(token)) continue;
      const name = resolve(token, text);
      if (name === undefined) unresolved.push(`${file}: ${token}`);
      else names.add(name);
    }
  }
  return { names: [...names].sort(), unresolved };
}

describe("core state names", () => {
  test("every property namespace the core stores under is listed, and every listed one is used", () => {
    const used = namesUsed(STORE_CALL);
    expect({ ...used, names: [...new Set([...used.names, ...DECLARED_NAMESPACES])].sort() }).toEqual({
      names: [...CORE_PROPERTY_NAMESPACES].sort(),
      unresolved: [],
    });
  });

  test("every data folder the core keeps is listed, and every listed one is used", () => {
    expect(namesUsed(DATA_DIR_CALL)).toEqual({ names: [...CORE_DATA_DIRS].sort(), unresolved: [] });
  });

  test("no code outside the store casts its way round the lists or opens a store of any names", () => {
    const escapes = SOURCES.filter(({ file }) => !file.startsWith("store/") && file !== "core/state-names.ts")
      .flatMap(({ file, text }) =>
        [...text.matchAll(/as (?:CorePropertyNamespace|CoreDataDir)\b|new PropertyStore\b|PropertyStore<string>/g)].map(
          (match) => `${file}: ${match[0]}`,
        ),
      )
      .filter((found) => found !== "wasm/sandbox-child.ts: PropertyStore<string>");
    expect(escapes).toEqual([]);
  });

  test("the plugins' folder is no core namespace", () => {
    expect((CORE_PROPERTY_NAMESPACES as readonly string[]).includes(PLUGIN_PROPERTIES_DIR)).toBe(false);
  });
});
