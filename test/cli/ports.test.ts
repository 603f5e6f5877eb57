import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

type Roots = ReturnType<typeof tempRoots>;
const dokku = (roots: Roots, ...args: string[]) => runDokku(args, { env: roots.env });
const mapFile = (roots: Roots, app: string, key = "map") =>
  join(roots.env.DOKKU_LIB_ROOT as string, "config/ports", app, key);
const read = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : undefined);
const ok = (stdout: string) => ({ stdout, stderr: "", exitCode: 0 });
const refused = (message: string, exitCode = 1) => ({ stdout: "", stderr: ` !     ${message}\n`, exitCode });

async function withApp(roots: Roots, app = "shop"): Promise<void> {
  await dokku(roots, "apps:create", app);
}

describe("ports:add, ports:set, ports:remove, ports:clear, ports:list", () => {
  test("adds maps, stored sorted one per line, and lists them", async () => {
    using roots = tempRoots();
    await withApp(roots);
    const added = await dokku(roots, "ports:add", "shop", "https:443:5000", "http:80:5000");
    const more = await dokku(roots, "ports:add", "shop", "http:8080:3000");
    const list = await dokku(roots, "ports:list", "shop");
    expect({ added, more, list, file: read(mapFile(roots, "shop")) }).toEqual({
      added: ok(""),
      more: ok(""),
      list: ok(
        [
          "-----> Port mappings for shop",
          "    -----> scheme  host port  container port",
          "    http           8080       3000",
          "    http           80         5000",
          "    https          443        5000",
          "",
        ].join("\n"),
      ),
      file: "http:8080:3000\nhttp:80:5000\nhttps:443:5000\n",
    });
  });

  test("issue 14: apps:rename keeps the configured and the detected maps under the new name", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "ports:set", "shop", "http:80:3000");
    mkdirSync(join(roots.env.DOKKU_LIB_ROOT as string, "config/ports/shop"), { recursive: true });
    writeFileSync(mapFile(roots, "shop", "map-detected"), "http:3000:3000\n");
    await dokku(roots, "apps:rename", "--skip-deploy", "shop", "store");
    expect({
      map: await dokku(roots, "ports:report", "store", "--ports-map"),
      detected: await dokku(roots, "ports:report", "store", "--ports-map-detected"),
      old: existsSync(mapFile(roots, "shop")),
    }).toEqual({ map: ok("http:80:3000\n"), detected: ok("http:3000:3000\n"), old: false });
  });

  test("lists only the rows with --quiet", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "ports:set", "shop", "http:80:5000");
    expect(await dokku(roots, "--quiet", "ports:list", "shop")).toEqual(ok("    http  80  5000\n"));
  });

  test("sets exactly the given maps", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "ports:add", "shop", "http:80:5000");
    const set = await dokku(roots, "ports:set", "shop", "http:81:5000", "https:8443:5000");
    expect({ set, file: read(mapFile(roots, "shop")) }).toEqual({
      set: ok(""),
      file: "http:81:5000\nhttps:8443:5000\n",
    });
  });

  test("removes a whole map, and every map of a bare host port", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "ports:set", "shop", "http:80:5000", "https:443:5000", "http:8080:3000", "https:8080:3000");
    const one = await dokku(roots, "ports:remove", "shop", "http:80:5000");
    const byHost = await dokku(roots, "ports:remove", "shop", "8080");
    const afterHost = read(mapFile(roots, "shop"));
    const last = await dokku(roots, "ports:remove", "shop", "443");
    expect({ one, byHost, afterHost, last, file: read(mapFile(roots, "shop")) }).toEqual({
      one: ok(""),
      byHost: ok(""),
      afterHost: "https:443:5000\n",
      last: ok(""),
      file: undefined,
    });
  });

  test("clears the configured and the detected maps", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "ports:set", "shop", "http:80:5000");
    writeFileSync(mapFile(roots, "shop", "map-detected"), "http:8080:8080\n");
    const cleared = await dokku(roots, "ports:clear", "shop");
    const list = await dokku(roots, "ports:list", "shop");
    expect({
      cleared,
      list,
      map: read(mapFile(roots, "shop")),
      detected: read(mapFile(roots, "shop", "map-detected")),
    }).toEqual({
      cleared: ok(""),
      list: refused("No port mappings configured for app"),
      map: undefined,
      detected: undefined,
    });
  });

  const BAD_MAPS: [string, string][] = [
    ["http:80", "Invalid port map http:80 [len=2]"],
    ["80:5000", "Invalid port map 80:5000 [len=2]"],
    ["udp:53:53", "Invalid port map udp:53:53 [scheme=udp; valid schemes: http, https]"],
    ["tcp:22:22", "Invalid port map tcp:22:22 [scheme=tcp; valid schemes: http, https]"],
    ["http:0:5000", "Invalid port map http:0:5000 [hostPort=0]"],
    ["http:65536:5000", "Invalid port map http:65536:5000 [hostPort=65536]"],
    ["http:-80:5000", "Invalid port map http:-80:5000 [hostPort=-80]"],
    ["http:80:abc", "Invalid port map http:80:abc [containerPort=abc]"],
    ["http:80:5000.5", "Invalid port map http:80:5000.5 [containerPort=5000.5]"],
    ["-1", "Invalid port map -1 [len=1]"],
  ];

  for (const command of ["ports:add", "ports:set"]) {
    test(`${command} refuses bad maps among good ones, and writes nothing`, async () => {
      using roots = tempRoots();
      await withApp(roots);
      await dokku(roots, "ports:set", "shop", "http:80:5000");
      for (const [bad, message] of BAD_MAPS) {
        const before = snapshotTree(roots.dir);
        const result = await dokku(roots, command, "shop", "http:9000:5000", bad);
        expect({ bad, result, unchanged: snapshotTree(roots.dir) }).toEqual({
          bad,
          result: refused(message),
          unchanged: before,
        });
      }
    });
  }

  test("refuses a scheme:host-port used twice, in the new maps or with the configured ones, and writes nothing", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "ports:set", "shop", "http:80:5000");
    const before = snapshotTree(roots.dir);
    const results = [
      await dokku(roots, "ports:add", "shop", "http:8080:1", "http:8080:2"),
      await dokku(roots, "ports:add", "shop", "http:80:5000"),
      await dokku(roots, "ports:add", "shop", "http:80:3000"),
      await dokku(roots, "ports:set", "shop", "https:443:1", "https:443:1"),
    ];
    expect({ results, unchanged: snapshotTree(roots.dir) }).toEqual({
      results: [
        refused("Error validating new port mappings: The same scheme:host-port is being reused: http:8080"),
        refused("Error validating all port mappings: The same scheme:host-port is being reused: http:80"),
        refused("Error validating all port mappings: The same scheme:host-port is being reused: http:80"),
        refused("Error validating port mappings: The same scheme:host-port is being reused: https:443"),
      ],
      unchanged: before,
    });
  });

  test("ports:remove refuses bad words and writes nothing", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "ports:set", "shop", "http:80:5000");
    const before = snapshotTree(roots.dir);
    const results = [
      await dokku(roots, "ports:remove", "shop", "80", "abc"),
      await dokku(roots, "ports:remove", "shop", "0"),
      await dokku(roots, "ports:remove", "shop", "http:80"),
      await dokku(roots, "ports:remove", "shop", "ftp:21:21"),
    ];
    expect({ results, unchanged: snapshotTree(roots.dir) }).toEqual({
      results: [
        refused("Invalid port map abc [hostPort=abc]"),
        refused("Invalid port map 0 [hostPort=0]"),
        refused("Invalid port map http:80 [len=2]"),
        refused("Invalid port map ftp:21:21 [scheme=ftp; valid schemes: http, https]"),
      ],
      unchanged: before,
    });
  });

  test("every command refuses a missing app, a bad name and (for add/set/remove) no maps, writing nothing", async () => {
    using roots = tempRoots();
    await withApp(roots);
    const before = snapshotTree(roots.dir);
    const results: Record<string, unknown> = {};
    for (const command of ["ports:add", "ports:set", "ports:remove"]) {
      results[command] = [
        await dokku(roots, command, "nope", "http:80:5000"),
        await dokku(roots, command, "shop"),
        await dokku(roots, command),
      ];
    }
    for (const command of ["ports:list", "ports:clear", "ports:report"]) {
      results[command] = [await dokku(roots, command, "nope"), await dokku(roots, command, "Bad_Name")];
    }
    const missing = refused("App nope does not exist", 20);
    const noApp = refused("Please specify an app to run the command on");
    const badName = refused(
      "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens",
    );
    const noMaps = refused("No port mapping specified");
    expect({ results, unchanged: snapshotTree(roots.dir) }).toEqual({
      results: {
        "ports:add": [missing, noMaps, noApp],
        "ports:set": [missing, noMaps, noApp],
        "ports:remove": [missing, noMaps, noApp],
        "ports:list": [missing, badName],
        "ports:clear": [missing, badName],
        "ports:report": [missing, badName],
      },
      unchanged: before,
    });
  });
});

describe("ports:report", () => {
  test("reports the configured maps and the default detected map of a never-deployed app", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "ports:set", "shop", "http:80:5000", "https:443:5000");
    const report = await dokku(roots, "ports:report", "shop");
    expect(report).toEqual(
      ok(
        [
          "=====> shop ports information",
          "       Ports map:                     http:80:5000 https:443:5000",
          "       Ports map detected:            http:80:5000",
          '       Ports map detected json:       [{"scheme":"http","host_port":80,"container_port":5000}]',
          '       Ports map json:                [{"scheme":"http","host_port":80,"container_port":5000},{"scheme":"https","host_port":443,"container_port":5000}]',
          "",
        ].join("\n"),
      ),
    );
  });

  test("reports the recorded detected maps, the proxy port in the default, and one flag", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await withApp(roots, "blog");
    mkdirSync(join(roots.env.DOKKU_LIB_ROOT as string, "config/proxy/blog"), { recursive: true });
    writeFileSync(join(roots.env.DOKKU_LIB_ROOT as string, "config/proxy/blog/proxy-port"), "8000");
    mkdirSync(join(roots.env.DOKKU_LIB_ROOT as string, "config/ports/shop"), { recursive: true });
    writeFileSync(mapFile(roots, "shop", "map-detected"), "http:3000:3000\nudp:53:53\n");
    const shop = await dokku(roots, "ports:report", "shop", "--ports-map-detected");
    const blog = await dokku(roots, "ports:report", "blog", "--ports-map-detected");
    const empty = await dokku(roots, "ports:report", "shop", "--ports-map");
    expect({ shop, blog, empty }).toEqual({
      shop: ok("http:3000:3000\n"),
      blog: ok("http:8000:5000\n"),
      empty: ok("\n"),
    });
  });

  test("refuses an unknown flag", async () => {
    using roots = tempRoots();
    await withApp(roots);
    expect(await dokku(roots, "ports:report", "shop", "--ports-nope")).toEqual(
      refused(
        "Invalid flag passed, valid flags: --ports-map, --ports-map-detected, --ports-map-detected-json, --ports-map-json",
      ),
    );
  });
});
