import { describe, expect, test } from "bun:test";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { tarGz, zipOf } from "../archive-fixtures";
import { filesUnder, installFixture, wasmRoot } from "../wasm/cli-helpers";
import { defaultModule, pluginToml, sha256, writePlugin, type FixtureSpec } from "../wasm/plugin-fixture";
import { buildModule } from "../wasm/wasm-builder";

const MAINTENANCE: FixtureSpec = {
  name: "maintenance",
  triggers: [{ name: "nginx-snippet" }],
  commands: [{ name: "maintenance:on", usage: "<app>", app: true }],
  permissions: { nginx: true, store: true },
};

const MAINTENANCE_LINES = [
  "-----> Installing plugin maintenance 1.0.0",
  "       description: A test plugin",
  "       triggers: nginx-snippet",
  "       commands: maintenance:on",
  "       permissions: nginx, store",
  "       limits: timeout 5000 ms, memory 16 MB",
];

describe("plugin:install", () => {
  test("installs a plugin directory, prints what it may do, and records it in the index", async () => {
    using roots = tempRoots();
    const result = await installFixture(roots, MAINTENANCE, ["--allow-nginx", "--allow-store"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      [
        ...MAINTENANCE_LINES,
        "       granted: nginx, store",
        "-----> Plugin maintenance 1.0.0 installed and enabled",
        "",
      ].join("\n"),
    );
    expect(result.exitCode).toBe(0);
    expect(filesUnder(wasmRoot(roots.env))).toEqual([
      ".lock",
      "index.json",
      "maintenance",
      "maintenance/plugin.toml",
      "maintenance/plugin.wasm",
    ]);
    const index = JSON.parse(readFileSync(join(wasmRoot(roots.env), "index.json"), "utf8"));
    expect(index.plugins[0]).toMatchObject({
      manifest: { name: "maintenance", version: "1.0.0" },
      grants: { net: [], config: false, store: true, nginx: true, dockerArgs: false },
      enabled: true,
      dir: join(wasmRoot(roots.env), "maintenance"),
      source: result.source,
    });
    expect(readFileSync(join(wasmRoot(roots.env), "maintenance", "plugin.wasm"))).toEqual(
      Buffer.from(defaultModule(MAINTENANCE)),
    );
  });

  test("records only what the plugin asked for under --allow-all", async () => {
    using roots = tempRoots();
    const result = await installFixture(roots, { permissions: { store: true } }, ["--allow-all"]);
    expect(result.stdout).toContain("       granted: store\n");
    expect(result.exitCode).toBe(0);
  });

  test("refuses a plugin whose permissions are not all granted, naming the flags, and writes nothing", async () => {
    using roots = tempRoots();
    const result = await installFixture(
      roots,
      { ...MAINTENANCE, permissions: { nginx: true, store: true, net: ["hooks.example.com"] } },
      ["--allow-store"],
    );
    expect(result.stderr).toBe(
      " !     Plugin maintenance asks for permissions not granted: add --allow-net=hooks.example.com --allow-nginx (or --allow-all)\n",
    );
    expect(result.stdout).toContain("       permissions: net (hooks.example.com), nginx, store\n");
    expect(result.exitCode).toBe(1);
    expect(filesUnder(roots.env.DOKKU_LIB_ROOT as string)).toEqual([]);
  });

  test("net = true needs a host or --allow-net", async () => {
    using roots = tempRoots();
    const refused = await installFixture(roots, { permissions: { net: true } });
    expect(refused.stderr).toBe(
      " !     Plugin hello asks for permissions not granted: add --allow-net=<host,...> (or --allow-all)\n",
    );
    const granted = await runDokku(["plugin:install", refused.source, "--allow-net=hooks.example.com"], {
      env: roots.env,
    });
    expect(granted.stdout).toContain("       granted: net (hooks.example.com)\n");
    expect(granted.exitCode).toBe(0);
  });

  const BAD_MODULE = buildModule({ functions: [{ export: "on_post_create" }] });
  test.each<[string, FixtureSpec, string[], string | RegExp]>([
    [
      "a bad name",
      { toml: 'name = "Bad"\nversion = "1.0.0"\ndescription = "x"\nsdk = 1\n' },
      [],
      'plugin.toml: name must match [a-z][a-z0-9-]{1,31} (got "Bad")',
    ],
    [
      "a missing field",
      { toml: 'name = "hello"\nversion = "1.0.0"\nsdk = 1\n' },
      [],
      "plugin.toml: description is missing",
    ],
    ["a core namespace's name", { name: "apps" }, [], "Plugin name apps is taken by the core apps commands"],
    [
      "a core plugin's name",
      { name: "builder-null" },
      [],
      "Plugin name builder-null is taken by the core builder-null plugin",
    ],
    [
      "issue 12: a core property namespace's name",
      { name: "app-json", permissions: { store: true } },
      ["--allow-store"],
      "Plugin name app-json is taken by the core app-json commands",
    ],
    [
      "issue 12: --name of a core property namespace",
      { triggers: [{ name: "post-deploy" }] },
      ["--name", "app-json"],
      "Plugin name app-json is taken by the core app-json commands",
    ],
    [
      "issue 12: a core data folder's name",
      { name: "storage-registry", permissions: { store: true } },
      ["--allow-store"],
      "Plugin name storage-registry is taken by the core's data folder data/storage-registry",
    ],
    [
      "a sha256 mismatch",
      { sha256: "0".repeat(64) },
      [],
      /^plugin\.wasm: sha256 mismatch: plugin\.toml says 0{64}, the file is [0-9a-f]{64}$/,
    ],
    [
      "an unknown permission",
      { permissions: { fs: true } },
      ["--allow-all"],
      "plugin.toml: permissions.fs is not a known permission (net, config, store, nginx, docker-args)",
    ],
    [
      "an unknown trigger",
      { triggers: [{ name: "post-everything" }] },
      [],
      'plugin.toml: triggers[0].name is not a trigger this host fires: "post-everything"',
    ],
    [
      "a trigger version mismatch",
      { triggers: [{ name: "post-deploy", version: 2 }] },
      [],
      "plugin.toml: triggers[0].version is 2 but this host fires post-deploy version 1",
    ],
    [
      "a command outside its namespace",
      { commands: [{ name: "config:set" }] },
      [],
      'plugin.toml: commands[0].name must be "hello:<command>", in the plugin\'s namespace (got "config:set")',
    ],
    [
      "a module that is not wasm",
      { module: new TextEncoder().encode("MZ...") },
      [],
      /^plugin\.wasm: not a valid wasm module: /,
    ],
    [
      "a declared trigger without its export",
      { triggers: [{ name: "post-deploy" }], module: buildModule() },
      [],
      "plugin.wasm: handles trigger post-deploy but does not export on_post_deploy",
    ],
    [
      "an undeclared export",
      { module: BAD_MODULE },
      [],
      "plugin.wasm: exports on_post_create, which plugin.toml does not declare",
    ],
    [
      "an import outside the host's",
      { imports: [{ module: "wasi_snapshot_preview1", name: "proc_exit", params: ["i32"], results: [] }] },
      [],
      "plugin.wasm: imports wasi_snapshot_preview1.proc_exit (func), which the host does not provide",
    ],
    [
      "a host function without its permission",
      { imports: [{ module: "extism:host/user", name: "dokku_http" }] },
      ["--allow-all"],
      "plugin.wasm: imports dokku_http but does not request net",
    ],
    [
      "a trigger needing an unrequested permission",
      { triggers: [{ name: "docker-args-deploy" }] },
      ["--allow-all"],
      "plugin.toml: triggers[0].name docker-args-deploy needs the docker-args permission, which the plugin does not request",
    ],
    [
      "no memory maximum",
      { module: buildModule({ memory: { min: 1 } }) },
      [],
      "plugin.wasm: its memory declares no maximum (AssemblyScript: --maximumMemory; C: -Wl,--max-memory=)",
    ],
    [
      "a memory maximum above the limit",
      { limits: { "memory-mb": 2 }, module: buildModule({ memory: { min: 1, max: 33 } }) },
      [],
      "plugin.wasm: its memory maximum (33 pages, 2.07 MB) is above limits.memory-mb = 2",
    ],
    [
      "limits above the ceilings",
      { limits: { "timeout-ms": 60000 } },
      [],
      "plugin.toml: limits.timeout-ms must be between 1 and 30000 (got 60000)",
    ],
  ])("refuses %s with one line and writes nothing", async (_what, spec, flags, message) => {
    using roots = tempRoots();
    const result = await installFixture(roots, spec, flags);
    expect(result.stdout).toBe("");
    const line = result.stderr.replace(/^ ! {5}/, "").replace(/\n$/, "");
    if (typeof message === "string") expect(line).toBe(message);
    else expect(line).toMatch(message);
    expect(result.stderr.startsWith(" !     ") && result.stderr.split("\n").length === 2).toBe(true);
    expect(result.exitCode).toBe(1);
    expect(filesUnder(roots.env.DOKKU_LIB_ROOT as string)).toEqual([]);
  });

  test("refuses a plugin directory whose module file is missing", async () => {
    using roots = tempRoots();
    const module = defaultModule({});
    writeFileSync(join(roots.dir, "plugin.toml"), pluginToml({ moduleFile: "gone.wasm" }, module));
    const result = await runDokku(["plugin:install", roots.dir], { env: roots.env });
    expect(result).toEqual({
      stdout: "",
      stderr: " !     plugin.toml names module gone.wasm, which is not in the plugin\n",
      exitCode: 1,
    });
  });

  test("refuses a module that is a symlink", async () => {
    using roots = tempRoots();
    const dir = writePlugin(join(roots.dir, "p"), {});
    const module = defaultModule({});
    writeFileSync(join(roots.dir, "real.wasm"), module);
    writeFileSync(join(dir, "plugin.toml"), pluginToml({ moduleFile: "link.wasm" }, module));
    symlinkSync(join(roots.dir, "real.wasm"), join(dir, "link.wasm"));
    const result = await runDokku(["plugin:install", dir], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: " !     link.wasm is not a regular file\n", exitCode: 1 });
  });

  test("refuses a name an installed plugin holds, and a missing source", async () => {
    using roots = tempRoots();
    expect((await installFixture(roots, {})).exitCode).toBe(0);
    const before = filesUnder(roots.env.DOKKU_LIB_ROOT as string);
    const again = await installFixture(roots, { version: "2.0.0" });
    expect(again).toMatchObject({
      stdout: "",
      stderr: " !     Plugin hello is already installed (version 1.0.0); use plugin:update\n",
      exitCode: 1,
    });
    const missing = await runDokku(["plugin:install", join(roots.dir, "nope")], { env: roots.env });
    expect(missing).toEqual({
      stdout: "",
      stderr: ` !     Plugin source ${join(roots.dir, "nope")} does not exist\n !     Please retry with valid arguments\n`,
      exitCode: 1,
    });
    const none = await runDokku(["plugin:install"], { env: roots.env });
    expect(none).toEqual({
      stdout: "",
      stderr: " !     Please specify a plugin path or URL\n !     Please retry with valid arguments\n",
      exitCode: 1,
    });
    expect(filesUnder(roots.env.DOKKU_LIB_ROOT as string)).toEqual(before);
  });

  test("--name installs a plugin without commands under another name; refused for one with commands", async () => {
    using roots = tempRoots();
    const renamed = await installFixture(roots, { triggers: [{ name: "post-deploy" }] }, ["--name", "hello-two"]);
    expect(renamed.stdout).toContain("-----> Plugin hello-two 1.0.0 installed and enabled\n");
    const refused = await installFixture(roots, MAINTENANCE, ["--name=other", "--allow-all"]);
    expect(refused.stderr).toBe(
      " !     Plugin maintenance adds commands in its maintenance namespace and cannot be renamed to other\n",
    );
    expect(filesUnder(wasmRoot(roots.env))).toEqual([
      ".lock",
      "hello-two",
      "hello-two/plugin.toml",
      "hello-two/plugin.wasm",
      "index.json",
    ]);
  });

  test("installs from a .tar.gz with a top directory and from a .zip", async () => {
    using roots = tempRoots();
    const module = defaultModule({});
    const tgz = join(roots.dir, "hello.tar.gz");
    writeFileSync(
      tgz,
      tarGz([
        { name: "hello-1.0.0/", type: "5" },
        { name: "hello-1.0.0/plugin.toml", body: pluginToml({}, module) },
        { name: "hello-1.0.0/plugin.wasm", body: module },
      ]),
    );
    expect(await runDokku(["plugin:install", tgz], { env: roots.env })).toMatchObject({ exitCode: 0, stderr: "" });
    const archive = join(roots.dir, "other.zip");
    const other = { name: "other" };
    writeFileSync(
      archive,
      zipOf([
        { name: "plugin.toml", body: pluginToml(other, module), deflate: false },
        { name: "plugin.wasm", body: module, deflate: true },
      ]),
    );
    expect(await runDokku(["plugin:install", archive], { env: roots.env })).toMatchObject({ exitCode: 0, stderr: "" });
    expect(filesUnder(wasmRoot(roots.env)).filter((path) => path.endsWith(".wasm"))).toEqual([
      "hello/plugin.wasm",
      "other/plugin.wasm",
    ]);
  });

  test("refuses an archive with a symlink or a path outside it, and writes nothing", async () => {
    using roots = tempRoots();
    const module = defaultModule({});
    const evil = join(roots.dir, "evil.tar.gz");
    writeFileSync(
      evil,
      tarGz([
        { name: "plugin.toml", body: pluginToml({}, module) },
        { name: "plugin.wasm", type: "2", linkName: "/etc/shadow" },
      ]),
    );
    expect(await runDokku(["plugin:install", evil], { env: roots.env })).toEqual({
      stdout: "",
      stderr: ` !     Refusing plugin archive ${evil}: Archive contains a symlink, not a regular file: plugin.wasm\n`,
      exitCode: 1,
    });
    const slip = join(roots.dir, "slip.zip");
    writeFileSync(
      slip,
      zipOf([
        { name: "plugin.toml", body: pluginToml({}, module) },
        { name: "../../plugin.wasm", body: module },
      ]),
    );
    expect(await runDokku(["plugin:install", slip], { env: roots.env })).toEqual({
      stdout: "",
      stderr: ` !     Refusing plugin archive ${slip}: Archive contains entries with parent directory traversal: ../../plugin.wasm\n`,
      exitCode: 1,
    });
    expect(filesUnder(roots.env.DOKKU_LIB_ROOT as string)).toEqual([]);
  });

  test("installs from an http URL on 127.0.0.1, and refuses a URL that answers 404", async () => {
    using roots = tempRoots();
    const module = defaultModule({});
    const archive = tarGz([
      { name: "plugin.toml", body: pluginToml({}, module) },
      { name: "plugin.wasm", body: module },
    ]);
    using server = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: (request) =>
        new URL(request.url).pathname === "/hello.tar.gz" ? new Response(archive) : new Response("no", { status: 404 }),
    });
    const url = `http://127.0.0.1:${server.port}/hello.tar.gz`;
    const ok = await runDokku(["plugin:install", url], { env: roots.env });
    expect(ok).toMatchObject({ stderr: "", exitCode: 0 });
    const index = JSON.parse(readFileSync(join(wasmRoot(roots.env), "index.json"), "utf8"));
    expect(index.plugins[0].source).toBe(url);
    const missing = await runDokku(["plugin:install", `http://127.0.0.1:${server.port}/nope.tar.gz`], {
      env: roots.env,
    });
    expect(missing).toEqual({
      stdout: "",
      stderr: ` !     Could not download http://127.0.0.1:${server.port}/nope.tar.gz: HTTP 404\n !     Please retry with valid arguments\n`,
      exitCode: 1,
    });
    expect(sha256(module)).toBe(index.plugins[0].manifest.module.sha256);
  });

  test("stops reading a download past 64 MiB that declared no length, writing nothing", async () => {
    using roots = tempRoots();
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    using server = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              sent += chunk.length;
              controller.enqueue(chunk);
            },
          }),
        ),
    });
    const url = `http://127.0.0.1:${server.port}/endless.tar.gz`;
    expect(await runDokku(["plugin:install", url], { env: roots.env })).toEqual({
      stdout: "",
      stderr: ` !     Could not download ${url}: larger than ${64 * 1024 * 1024} bytes\n`,
      exitCode: 1,
    });
    expect(sent).toBeLessThan(256 * 1024 * 1024);
    expect(filesUnder(roots.env.DOKKU_LIB_ROOT as string)).toEqual([]);
  });

  test("refuses a URL with credentials and a download that is not an archive, writing nothing", async () => {
    using roots = tempRoots();
    using server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("name = 'x'") });
    const secret = await runDokku(["plugin:install", `http://user:pw@127.0.0.1:${server.port}/p.tar.gz`], {
      env: roots.env,
    });
    expect(secret).toEqual({
      stdout: "",
      stderr:
        " !     Plugin URLs with credentials (user:password@) are not supported\n !     Please retry with valid arguments\n",
      exitCode: 1,
    });
    const url = `http://127.0.0.1:${server.port}/p.tar.gz`;
    expect(await runDokku(["plugin:install", url], { env: roots.env })).toEqual({
      stdout: "",
      stderr: ` !     Refusing plugin archive ${url}: not a .tar.gz or .zip archive\n`,
      exitCode: 1,
    });
    expect(filesUnder(roots.env.DOKKU_LIB_ROOT as string)).toEqual([]);
  });
});
