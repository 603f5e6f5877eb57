import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";

/** The network properties of a scope, as stored: key -> value. */
function networkProperties(libRoot: string, scope: string): Record<string, string> {
  const dir = join(libRoot, "config/network", scope);
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).map((key) => [key, readFileSync(join(dir, key), "utf8")]));
}

describe("network:set", () => {
  test("sets several attach networks, an initial network and a tld, and unsets with no value", async () => {
    using roots = tempRoots();
    const env = roots.env;
    const lib = env.DOKKU_LIB_ROOT as string;
    await runDokku(["apps:create", "shop"], { env });
    const results = [
      await runDokku(["network:set", "shop", "attach-post-create", "backend", "cache,queue"], { env }),
      await runDokku(["network:set", "shop", "attach-post-deploy", "metrics"], { env }),
      await runDokku(["network:set", "shop", "initial-network", "shared"], { env }),
      await runDokku(["network:set", "shop", "tld", "svc.cluster.local"], { env }),
      await runDokku(["network:set", "--global", "bind-all-interfaces", "true"], { env }),
    ];
    const stored = { app: networkProperties(lib, "shop"), global: networkProperties(lib, "--global") };
    const unset = await runDokku(["network:set", "shop", "attach-post-deploy"], { env });
    expect({ results, stored, unset, after: networkProperties(lib, "shop") }).toEqual({
      results: [
        { stdout: "=====> Setting attach-post-create to backend,cache,queue\n", stderr: "", exitCode: 0 },
        { stdout: "=====> Setting attach-post-deploy to metrics\n", stderr: "", exitCode: 0 },
        { stdout: "=====> Setting initial-network to shared\n", stderr: "", exitCode: 0 },
        { stdout: "=====> Setting tld to svc.cluster.local\n", stderr: "", exitCode: 0 },
        { stdout: "=====> Setting bind-all-interfaces to true\n", stderr: "", exitCode: 0 },
      ],
      stored: {
        app: {
          "attach-post-create": "backend,cache,queue",
          "attach-post-deploy": "metrics",
          "initial-network": "shared",
          tld: "svc.cluster.local",
        },
        global: { "bind-all-interfaces": "true" },
      },
      unset: { stdout: "=====> Unsetting attach-post-deploy\n", stderr: "", exitCode: 0 },
      after: { "attach-post-create": "backend,cache,queue", "initial-network": "shared", tld: "svc.cluster.local" },
    });
  });

  test("refuses bad input with one line and writes nothing", async () => {
    using roots = tempRoots();
    const env = roots.env;
    const lib = env.DOKKU_LIB_ROOT as string;
    await runDokku(["apps:create", "shop"], { env });
    await runDokku(["network:set", "shop", "attach-post-deploy", "shared"], { env });
    const before = networkProperties(lib, "shop");
    const results = await Promise.all(
      [
        ["network:set", "nope", "tld", "x"],
        ["network:set", "shop"],
        ["network:set", "shop", "static-web-listener", "127.0.0.1:80"],
        ["network:set", "shop", "attach-post-create", "backend", "host"],
        ["network:set", "shop", "attach-post-create", "shared"],
        ["network:set", "shop", "attach-post-create", "../etc"],
        ["network:set", "shop", "initial-network", "a,b"],
        ["network:set", "shop", "bind-all-interfaces", "yes"],
        ["network:set", "shop", "tld", "Bad_TLD"],
        ["network:set", "--global", "initial-network", "-x"],
      ].map((args) => runDokku(args, { env })),
    );
    expect(results).toEqual([
      { stdout: "", stderr: " !     App nope does not exist\n", exitCode: 20 },
      { stdout: "", stderr: " !     No property specified\n", exitCode: 1 },
      {
        stdout: "",
        stderr:
          " !     Invalid property specified, valid properties include: attach-post-create, attach-post-deploy, bind-all-interfaces, initial-network, tld\n",
        exitCode: 1,
      },
      { stdout: "", stderr: " !     Invalid network name specified for attach: host\n", exitCode: 1 },
      { stdout: "", stderr: " !     Network name already associated with this app: shared\n", exitCode: 1 },
      {
        stdout: "",
        stderr:
          " !     Invalid network name specified: ../etc (letters, digits, '_', '.' and '-', starting with a letter or digit)\n",
        exitCode: 1,
      },
      { stdout: "", stderr: " !     Only one initial-network may be specified, got: a, b\n", exitCode: 1 },
      { stdout: "", stderr: " !     Invalid bind-all-interfaces value specified: yes (true or false)\n", exitCode: 1 },
      {
        stdout: "",
        stderr:
          " !     Invalid tld specified: Bad_TLD (lower-case DNS labels separated by dots, e.g. svc.cluster.local)\n",
        exitCode: 1,
      },
      {
        stdout: "",
        stderr:
          " !     Invalid network name specified: -x (letters, digits, '_', '.' and '-', starting with a letter or digit)\n",
        exitCode: 1,
      },
    ]);
    expect({
      app: networkProperties(lib, "shop"),
      global: networkProperties(lib, "--global"),
      nope: existsSync(join(lib, "config/network/nope")),
    }).toEqual({
      app: before,
      global: {},
      nope: false,
    });
  });
});

describe("network:report", () => {
  test("reports raw, global and computed values with Dokku's defaults, as text, json and one flag", async () => {
    using roots = tempRoots();
    const env = roots.env;
    await runDokku(["apps:create", "shop"], { env });
    await runDokku(["network:set", "shop", "attach-post-create", "backend"], { env });
    await runDokku(["network:set", "--global", "initial-network", "shared"], { env });
    const text = await runDokku(["network:report", "shop"], { env });
    const json = await runDokku(["network:report", "shop", "--format", "json"], { env });
    const flag = await runDokku(["network:report", "shop", "--network-computed-initial-network"], { env });
    const global = await runDokku(["network:report", "--global", "--format", "json"], { env });
    const badFlag = await runDokku(["network:report", "shop", "--network-nope"], { env });
    expect({ text, flag, badFlag }).toEqual({
      text: {
        stdout: [
          "=====> shop network information",
          "       Network attach post create:           backend",
          "       Network attach post deploy:           ",
          "       Network bind all interfaces:          ",
          "       Network computed attach post create:  backend",
          "       Network computed attach post deploy:  ",
          "       Network computed bind all interfaces: false",
          "       Network computed initial network:     shared",
          "       Network computed tld:                 ",
          "       Network global attach post create:    ",
          "       Network global attach post deploy:    ",
          "       Network global bind all interfaces:   ",
          "       Network global initial network:       shared",
          "       Network global tld:                   ",
          "       Network initial network:              ",
          "       Network tld:                          ",
          "       Network web listeners:                ",
          "",
        ].join("\n"),
        stderr: "",
        exitCode: 0,
      },
      flag: { stdout: "shared\n", stderr: "", exitCode: 0 },
      badFlag: {
        stdout: "",
        stderr:
          " !     Invalid flag passed, valid flags: --network-attach-post-create, --network-attach-post-deploy, --network-bind-all-interfaces, --network-computed-attach-post-create, --network-computed-attach-post-deploy, --network-computed-bind-all-interfaces, --network-computed-initial-network, --network-computed-tld, --network-global-attach-post-create, --network-global-attach-post-deploy, --network-global-bind-all-interfaces, --network-global-initial-network, --network-global-tld, --network-initial-network, --network-tld, --network-web-listeners\n",
        exitCode: 1,
      },
    });
    expect(JSON.parse(json.stdout)).toMatchObject({
      "attach-post-create": "backend",
      "computed-initial-network": "shared",
      "network-computed-bind-all-interfaces": "false",
      "web-listeners": "",
    });
    expect(JSON.parse(global.stdout)).toEqual({
      "computed-attach-post-create": "",
      "computed-attach-post-deploy": "",
      "computed-bind-all-interfaces": "false",
      "computed-initial-network": "shared",
      "computed-tld": "",
      "global-attach-post-create": "",
      "global-attach-post-deploy": "",
      "global-bind-all-interfaces": "",
      "global-initial-network": "shared",
      "global-tld": "",
      "network-computed-attach-post-create": "",
      "network-computed-attach-post-deploy": "",
      "network-computed-bind-all-interfaces": "false",
      "network-computed-initial-network": "shared",
      "network-computed-tld": "",
      "network-global-attach-post-create": "",
      "network-global-attach-post-deploy": "",
      "network-global-bind-all-interfaces": "",
      "network-global-initial-network": "shared",
      "network-global-tld": "",
    });
  });

  test("refuses a missing app", async () => {
    using roots = tempRoots();
    expect(await runDokku(["network:report", "nope"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     App nope does not exist\n",
      exitCode: 20,
    });
  });
});
