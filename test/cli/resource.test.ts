import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";

/** The resource properties of a scope, as stored: key -> value. */
function stored(libRoot: string, scope: string): Record<string, string> {
  const dir = join(libRoot, "config/resource", scope);
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).map((key) => [key, readFileSync(join(dir, key), "utf8")]));
}

async function withApps(...apps: string[]) {
  const roots = tempRoots();
  for (const app of apps) await runDokku(["apps:create", app], { env: roots.env });
  return {
    roots,
    env: roots.env,
    lib: roots.env.DOKKU_LIB_ROOT as string,
    [Symbol.dispose]: () => roots[Symbol.dispose](),
  };
}

describe("resource:limit and resource:reserve", () => {
  test("sets, shows and clears values for the app default and a process type", async () => {
    using t = await withApps("shop");
    const steps = [];
    for (const args of [
      ["resource:limit", "--cpu", "1.5", "--memory", "512", "shop"],
      ["resource:limit", "--process-type", "web", "shop", "--memory=1g", "--memory-swap", "2g"],
      ["resource:reserve", "--memory", "256m", "--cpu", "1", "shop"],
      ["resource:limit", "--cpu", "clear", "shop"],
      ["resource:limit", "shop"],
      ["resource:limit", "--process-type", "web", "shop"],
      ["--quiet", "resource:reserve", "--nvidia-gpu", "all", "--process-type", "worker", "shop"],
    ]) {
      const result = await runDokku(args, { env: t.env });
      steps.push({ ...result, stored: stored(t.lib, "shop") });
    }
    const empty = (key: string) => `       ${key}: \n`;
    expect(steps).toEqual([
      {
        stdout: "=====> Setting resource limits for shop\n       cpu: 1.5\n       memory: 512\n",
        stderr: "",
        exitCode: 0,
        stored: { "_default_.limit.cpu": "1.5", "_default_.limit.memory": "512" },
      },
      {
        stdout: "=====> Setting resource limits for shop (web)\n       memory: 1g\n       memory-swap: 2g\n",
        stderr: "",
        exitCode: 0,
        stored: {
          "_default_.limit.cpu": "1.5",
          "_default_.limit.memory": "512",
          "web.limit.memory": "1g",
          "web.limit.memory-swap": "2g",
        },
      },
      {
        stdout: "=====> Setting resource reservation for shop\n       cpu: 1\n       memory: 256m\n",
        stderr: "",
        exitCode: 0,
        stored: {
          "_default_.limit.cpu": "1.5",
          "_default_.limit.memory": "512",
          "_default_.reserve.cpu": "1",
          "_default_.reserve.memory": "256m",
          "web.limit.memory": "1g",
          "web.limit.memory-swap": "2g",
        },
      },
      {
        stdout: "=====> Setting resource limits for shop\n       cpu: cleared\n",
        stderr: "",
        exitCode: 0,
        stored: {
          "_default_.limit.memory": "512",
          "_default_.reserve.cpu": "1",
          "_default_.reserve.memory": "256m",
          "web.limit.memory": "1g",
          "web.limit.memory-swap": "2g",
        },
      },
      {
        stdout: `=====> resource limits shop information [defaults]\n${empty("cpu")}       memory: 512\n${["memory-swap", "network", "network-ingress", "network-egress", "nvidia-gpu"].map(empty).join("")}`,
        stderr: "",
        exitCode: 0,
        stored: expect.any(Object),
      },
      {
        stdout: `=====> resource limits shop information (web)\n${empty("cpu")}       memory: 1g\n       memory-swap: 2g\n${["network", "network-ingress", "network-egress", "nvidia-gpu"].map(empty).join("")}`,
        stderr: "",
        exitCode: 0,
        stored: expect.any(Object),
      },
      {
        stdout: "",
        stderr: "",
        exitCode: 0,
        stored: {
          "_default_.limit.memory": "512",
          "_default_.reserve.cpu": "1",
          "_default_.reserve.memory": "256m",
          "web.limit.memory": "1g",
          "web.limit.memory-swap": "2g",
          "worker.reserve.nvidia-gpu": "all",
        },
      },
    ]);
  });

  test("refuses bad input with one line, a non-zero exit and nothing written", async () => {
    using t = await withApps("shop");
    await runDokku(["resource:limit", "--memory", "1g", "--process-type", "web", "shop"], { env: t.env });
    const before = stored(t.lib, "shop");
    const cases: Array<[string[], string, number]> = [
      [
        ["resource:limit", "--memory", "abc", "shop"],
        'Invalid --memory value "abc": expected a positive size such as 512m or 1g (b, k, m, g; a bare number is megabytes)',
        1,
      ],
      [
        ["resource:limit", "--memory", "0", "shop"],
        'Invalid --memory value "0": expected a positive size such as 512m or 1g (b, k, m, g; a bare number is megabytes)',
        1,
      ],
      [
        ["resource:limit", "--memory", "-512m", "shop"],
        'Invalid --memory value "-512m": expected a positive size such as 512m or 1g (b, k, m, g; a bare number is megabytes)',
        1,
      ],
      [
        ["resource:reserve", "--memory", "1k", "shop"],
        'Invalid --memory value "1k": docker needs at least 6m (a bare number is megabytes)',
        1,
      ],
      [
        ["resource:limit", "--cpu", "0", "shop"],
        'Invalid --cpu value "0": expected a positive number of CPUs such as 1 or 0.5 (at most 9 decimals)',
        1,
      ],
      [
        ["resource:limit", "--cpu", "-2", "shop"],
        'Invalid --cpu value "-2": expected a positive number of CPUs such as 1 or 0.5 (at most 9 decimals)',
        1,
      ],
      [
        ["resource:limit", "--cpu", "two", "--memory", "1g", "shop"],
        'Invalid --cpu value "two": expected a positive number of CPUs such as 1 or 0.5 (at most 9 decimals)',
        1,
      ],
      [
        ["resource:limit", "--nvidia-gpu", "0", "shop"],
        'Invalid --nvidia-gpu value "0": expected a positive number of GPUs or all',
        1,
      ],
      [
        ["resource:limit", "--memory-swap", "512m", "shop"],
        "A memory-swap limit needs a memory limit (the app defaults)",
        1,
      ],
      [
        ["resource:limit", "--memory-swap", "512m", "--process-type", "web", "shop"],
        "The memory-swap limit must be at least the memory limit (process type web)",
        1,
      ],
      [
        ["resource:reserve", "--memory", "2g", "--process-type", "web", "shop"],
        "The memory reservation must not exceed the memory limit (process type web)",
        1,
      ],
      [["resource:limit", "--disk", "1g", "shop"], "unknown flag: --disk", 1],
      [["resource:limit", "shop", "--memory"], "flag needs an argument: --memory", 1],
      [
        ["resource:limit", "--process-type", "../web", "--memory", "1g", "shop"],
        'Invalid process type specified: "../web"',
        1,
      ],
      [["resource:limit-clear", "--memory", "1g", "shop"], "unknown flag: --memory", 1],
      [["resource:limit", "--memory", "1g", "nope"], "App nope does not exist", 20],
      [["resource:limit", "--memory", "1g"], "Please specify an app to run the command on", 1],
      [["resource:limit-clear"], "Please specify an app to run the command on", 1],
      [["resource:reserve-clear", "nope"], "App nope does not exist", 20],
    ];
    const results = [];
    for (const [args] of cases) results.push(await runDokku(args, { env: t.env }));
    expect(results).toEqual(
      cases.map(([, message, exitCode]) => ({ stdout: "", stderr: ` !     ${message}\n`, exitCode })),
    );
    expect(stored(t.lib, "shop")).toEqual(before);
    expect(existsSync(join(t.lib, "config/resource/nope"))).toBe(false);
  });
});

describe("resource:limit-clear and resource:reserve-clear", () => {
  test("clear one process type's values of one kind, or every type's", async () => {
    using t = await withApps("shop");
    for (const args of [
      ["resource:limit", "--memory", "512m", "shop"],
      ["resource:limit", "--memory", "1g", "--cpu", "2", "--process-type", "web", "shop"],
      ["resource:limit", "--cpu", "1", "--process-type", "worker", "shop"],
      ["resource:reserve", "--memory", "128m", "shop"],
      ["resource:reserve", "--memory", "256m", "--process-type", "web", "shop"],
    ]) {
      expect((await runDokku(args, { env: t.env })).exitCode).toBe(0);
    }
    const steps = [];
    for (const args of [
      ["resource:limit-clear", "--process-type", "web", "shop"],
      ["resource:limit-clear", "shop"],
      ["resource:reserve-clear", "shop", "--process-type", "_default_"],
      ["resource:reserve-clear", "shop"],
    ]) {
      steps.push({ ...(await runDokku(args, { env: t.env })), stored: stored(t.lib, "shop") });
    }
    expect(steps).toEqual([
      {
        stdout: "=====> clearing shop limits (web)\n",
        stderr: "",
        exitCode: 0,
        stored: {
          "_default_.limit.memory": "512m",
          "worker.limit.cpu": "1",
          "_default_.reserve.memory": "128m",
          "web.reserve.memory": "256m",
        },
      },
      {
        stdout: "=====> clearing shop limits\n",
        stderr: "",
        exitCode: 0,
        stored: { "_default_.reserve.memory": "128m", "web.reserve.memory": "256m" },
      },
      {
        stdout: "=====> clearing shop reservation\n",
        stderr: "",
        exitCode: 0,
        stored: { "web.reserve.memory": "256m" },
      },
      { stdout: "=====> clearing shop reservation\n", stderr: "", exitCode: 0, stored: {} },
    ]);
  });
});

describe("resource:report", () => {
  test("shows every stored value per process type as Dokku lays it out, in json and by flag", async () => {
    using t = await withApps("shop", "blog");
    await runDokku(["resource:limit", "--memory", "512", "--cpu", "0.5", "shop"], { env: t.env });
    await runDokku(["resource:limit", "--memory", "1g", "--process-type", "web", "shop"], { env: t.env });
    await runDokku(["resource:reserve", "--memory", "256m", "shop"], { env: t.env });
    const results = [
      await runDokku(["resource:report", "shop"], { env: t.env }),
      await runDokku(["resource:report"], { env: t.env }),
      await runDokku(["resource:report", "shop", "--format", "json"], { env: t.env }),
      await runDokku(["resource:report", "shop", "--resource-web.limit.memory"], { env: t.env }),
      await runDokku(["resource:report", "--global"], { env: t.env }),
      await runDokku(["resource:report", "shop", "--resource-web.limit.cpu"], { env: t.env }),
      await runDokku(["resource:report", "nope"], { env: t.env }),
    ];
    const shop = [
      "=====> shop resource information",
      "       resource _default_ limit cpu:      0.5",
      "       resource _default_ limit memory:   512",
      "       resource _default_ reserve memory: 256m",
      "       resource web limit memory:         1g",
      "",
    ].join("\n");
    expect(results).toEqual([
      { stdout: shop, stderr: "", exitCode: 0 },
      { stdout: `=====> blog resource information\n${shop}`, stderr: "", exitCode: 0 },
      {
        stdout: `${JSON.stringify({
          "_default_.limit.cpu": "0.5",
          "_default_.limit.memory": "512",
          "_default_.reserve.memory": "256m",
          "resource-_default_.limit.cpu": "0.5",
          "resource-_default_.limit.memory": "512",
          "resource-_default_.reserve.memory": "256m",
          "resource-web.limit.memory": "1g",
          "web.limit.memory": "1g",
        })}\n`,
        stderr: "",
        exitCode: 0,
      },
      { stdout: "1g\n", stderr: "", exitCode: 0 },
      { stdout: "=====> --global resource information\n", stderr: "", exitCode: 0 },
      {
        stdout: "",
        stderr:
          " !     Invalid flag passed, valid flags: --resource-_default_.limit.cpu, --resource-_default_.limit.memory, --resource-_default_.reserve.memory, --resource-web.limit.memory\n",
        exitCode: 1,
      },
      { stdout: "", stderr: " !     App nope does not exist\n", exitCode: 20 },
    ]);
  });

  test("is part of dokku report, and the values follow apps:rename", async () => {
    using t = await withApps("shop");
    await runDokku(["resource:limit", "--memory", "512m", "shop"], { env: t.env });
    const rename = await runDokku(["apps:rename", "shop", "store"], { env: t.env });
    const full = await runDokku(["report", "store"], { env: t.env });
    expect({ rename: rename.exitCode, old: stored(t.lib, "shop"), moved: stored(t.lib, "store") }).toEqual({
      rename: 0,
      old: {},
      moved: { "_default_.limit.memory": "512m" },
    });
    // the report trigger's sections carry no casing: `dokku report` capitalises as for every plugin
    expect(full.stdout).toContain("=====> store resource information\n       Resource _default_ limit memory: 512m\n");
  });
});
