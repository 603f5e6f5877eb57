import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { REPO_ROOT } from "../harness";
import { importsOf } from "../import-graph";

/**
 * Issue 13: imports point down only. Every file under src/ belongs to the layer of its first
 * folder (src/main.ts is `main`); it may import its own layer and the layers below it, and sdk/
 * (the trigger declarations, which import nothing from src/). Plugins and commands never talk to
 * Docker themselves: dockerode is reached through src/executors/docker/ only.
 */
const LAYERS = [
  "main",
  "cli",
  /** The composition root: builds the Context, registers the core and WASM plugins (main and proxy:watch). */
  "runtime",
  "plugins",
  /** The bus, and the registration of WASM plugins on it (triggers/wasm-handlers). */
  "triggers",
  /** The plugin host: manifest, install, grants, sandbox; it knows nothing of the bus or the core plugins. */
  "wasm",
  "executors",
  "store",
  /** Pure: state in, options / text / argv / plans out. Below every effect, so any layer may use them, and they import only core. */
  "builders",
  "core",
] as const;
type Layer = (typeof LAYERS)[number];

/**
 * Upward imports allowed, each with its reason. Only `import type` may be listed (erased at build,
 * no edge at run time); the check below holds them to that.
 */
const EXCEPTIONS: Record<string, { readonly imports: readonly string[]; readonly reason: string }> = {
  "core/context.ts": {
    imports: ["executors/docker/client", "triggers/bus", "store/property-store", "store/ownership"],
    reason:
      "Context is the bag of effects every layer is handed; it names the types of what it carries (the bus's handlers take a Context in turn)",
  },
};

interface Source {
  readonly file: string;
  readonly text: string;
}

/** The layer of a path relative to src/ (no extension needed), or undefined outside src/. */
function layerOf(path: string): Layer | undefined {
  if (path === "main" || path === "main.ts") return "main";
  const first = path.split("/")[0] ?? "";
  return (LAYERS as readonly string[]).includes(first) ? (first as Layer) : undefined;
}

/** Every import of a src/ file that points at a layer above its own, as `file -> target`. */
export function upwardImports(sources: readonly Source[]): string[] {
  const found: string[] = [];
  for (const { file, text } of sources) {
    const from = layerOf(file);
    if (from === undefined) {
      found.push(`${file}: in no layer (add its folder to LAYERS)`);
      continue;
    }
    for (const { specifier, typeOnly } of importsOf(text)) {
      if (!specifier.startsWith(".")) continue;
      const target = normalize(join(dirname(file), specifier)).replace(/\.ts$/, "");
      if (target.startsWith("../")) {
        if (!target.startsWith("../sdk/") && target !== "../package.json")
          found.push(`${file} -> ${target}: outside src/ and sdk/`);
        continue;
      }
      const to = layerOf(target);
      if (to === undefined) {
        found.push(`${file} -> ${target}: in no layer`);
        continue;
      }
      if (LAYERS.indexOf(to) >= LAYERS.indexOf(from)) continue;
      const exception = EXCEPTIONS[file];
      if (exception?.imports.includes(target) && typeOnly) continue;
      found.push(`${file} (${from}) -> ${target} (${to})${typeOnly ? " [type]" : ""}`);
    }
  }
  return found;
}

/** Methods of dockerode's client, read off its type declarations; the generic words are left out. */
function dockerodeMethods(): string[] {
  const types = readFileSync(join(REPO_ROOT, "node_modules/@types/dockerode/index.d.ts"), "utf8");
  const body = types.slice(types.indexOf("declare class Dockerode {"));
  const block = body.slice(0, body.indexOf("\n}\n"));
  const generic = new Set(["constructor", "info", "version", "ping", "df", "run", "pull"]);
  return [...new Set([...block.matchAll(/^ {4}(\w+)\s*[(<]/gm)].map((match) => match[1] ?? ""))].filter(
    (name) => !generic.has(name),
  );
}

/** Where a plugin or command file reaches Docker other than through executors/docker. */
export function directDockerUse(sources: readonly Source[], methods: readonly string[]): string[] {
  const call = new RegExp(`\\.\\s*(${methods.join("|")}|modem)\\b`, "g");
  const found: string[] = [];
  for (const { file, text } of sources) {
    if (!file.startsWith("plugins/") && !file.startsWith("cli/")) continue;
    for (const { specifier, typeOnly } of importsOf(text)) {
      if (specifier === "dockerode" || specifier.startsWith("dockerode/")) found.push(`${file} imports ${specifier}`);
      // the client's type, to hand ctx.docker()'s client on to executors, is all a plugin may take from there
      else if (/(^|\/)executors\/docker\/client$/.test(specifier) && !typeOnly)
        found.push(`${file} imports ${specifier}`);
    }
    for (const match of text.matchAll(call)) found.push(`${file} calls .${match[1] ?? ""}`);
  }
  return found;
}

const SRC = join(REPO_ROOT, "src");
const SOURCES: Source[] = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((file) => file.endsWith(".ts"))
  .map((file) => ({ file: file.split("\\").join("/"), text: readFileSync(join(SRC, file), "utf8") }));

describe("layering", () => {
  test("every import of a src/ file points at its own layer or one below it", () => {
    expect(upwardImports(SOURCES)).toEqual([]);
  });

  test("sdk/triggers imports nothing from src/", () => {
    const sdk = join(REPO_ROOT, "sdk", "triggers");
    const found = (readdirSync(sdk, { recursive: true }) as string[])
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) =>
        importsOf(readFileSync(join(sdk, file), "utf8"))
          .filter(({ specifier }) => relative(REPO_ROOT, join(sdk, dirname(file), specifier)).startsWith("src/"))
          .map(({ specifier }) => `sdk/triggers/${file} -> ${specifier}`),
      );
    expect(found).toEqual([]);
  });

  test("an upward import is found, static, dynamic or type-only, and an exception holds for import type only", () => {
    const sources: Source[] = [
      { file: "wasm/a.ts", text: 'import { x } from "../cli/namespaces";\n' },
      { file: "wasm/b.ts", text: 'const m = await import("../plugins/config/env-store");\n' },
      { file: "builders/c.ts", text: 'import type { S } from "../store/property-store";\n' },
      { file: "core/context.ts", text: 'import { TriggerBus } from "../triggers/bus";\n' },
      { file: "core/context.ts", text: 'import type { TriggerBus } from "../triggers/bus";\n' },
      { file: "plugins/x/d.ts", text: 'export { y } from "../../triggers/bus";\n// import from "../cli/x"\n' },
      { file: "lib/e.ts", text: "" },
    ];
    expect(upwardImports(sources)).toEqual([
      "wasm/a.ts (wasm) -> cli/namespaces (cli)",
      "wasm/b.ts (wasm) -> plugins/config/env-store (plugins)",
      "builders/c.ts (builders) -> store/property-store (store) [type]",
      "core/context.ts (core) -> triggers/bus (triggers)",
      "lib/e.ts: in no layer (add its folder to LAYERS)",
    ]);
  });

  test("the exceptions are still needed", () => {
    const unused = Object.entries(EXCEPTIONS).flatMap(([file, { imports }]) => {
      const source = SOURCES.find((candidate) => candidate.file === file);
      const targets = new Set(
        importsOf(source?.text ?? "").map(({ specifier }) => normalize(join(dirname(file), specifier))),
      );
      return imports.filter((target) => !targets.has(target)).map((target) => `${file} -> ${target}`);
    });
    expect(unused).toEqual([]);
  });
});

describe("docker behind executors", () => {
  const methods = dockerodeMethods();

  test("the client's methods are read off dockerode's types", () => {
    expect(methods).toContain("getContainer");
    expect(methods).toContain("listImages");
    expect(methods).toContain("pruneContainers");
  });

  test("no plugin or command file imports dockerode or the client factory, or calls the client itself", () => {
    const found = directDockerUse(SOURCES, methods);
    expect(found).toEqual([]);
  });

  test("a call on the client, an import of dockerode or of the client factory is found; the client's type or an executor's function is not", () => {
    const sources: Source[] = [
      { file: "plugins/a.ts", text: "await docker.getImage(image).remove();\n" },
      { file: "plugins/b.ts", text: 'import type { ContainerInfo } from "dockerode";\n' },
      { file: "cli/c.ts", text: 'import { dockerConnector } from "../../executors/docker/client";\n' },
      { file: "plugins/x/c.ts", text: 'import type { DockerClient } from "../../executors/docker/client";\n' },
      {
        file: "plugins/x/d.ts",
        text: "await listNetworks(await ctx.docker());\n(await ctx.docker()).modem.dial({});\n",
      },
      { file: "executors/docker/e.ts", text: "await docker.listContainers();\n" },
    ];
    expect(directDockerUse(sources, methods)).toEqual([
      "plugins/a.ts calls .getImage",
      "plugins/b.ts imports dockerode",
      "cli/c.ts imports ../../executors/docker/client",
      "plugins/x/d.ts calls .modem",
    ]);
  });
});
