import { describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

type Roots = ReturnType<typeof tempRoots>;
const dokku = (roots: Roots, ...args: string[]) => runDokku(args, { env: roots.env });
const gh = (name: string) => `https://github.com/heroku/heroku-buildpack-${name}.git`;
const urls = async (roots: Roots) =>
  (await dokku(roots, "--quiet", "buildpacks:list", "web")).stdout.trim().split(/\s+/);

function withApp(): Roots {
  const roots = tempRoots();
  mkdirSync(join(roots.env.DOKKU_ROOT as string, "web"));
  return roots;
}

describe("buildpacks (issue 14)", () => {
  test("add inserts at --index or appends, list shows Dokku's heading and the URLs", async () => {
    using roots = withApp();
    await dokku(roots, "buildpacks:add", "web", "heroku/nodejs");
    await dokku(roots, "buildpacks:add", "web", "heroku/ruby");
    await dokku(roots, "buildpacks:add", "--index", "1", "web", "heroku/golang");
    await dokku(roots, "buildpacks:add", "--index=2", "web", "heroku-community/python");
    await dokku(roots, "buildpacks:add", "--index", "100", "web", "https://example.com/bp/php.git");
    expect(await dokku(roots, "buildpacks:list", "web")).toEqual({
      stdout: `-----> web buildpack urls\n       ${gh("golang")}\n       ${gh("python")}\n       ${gh("nodejs")}\n       ${gh("ruby")}\n       https://example.com/bp/php.git\n`,
      stderr: "",
      exitCode: 0,
    });
  });

  test("set replaces at --index (the first by default), --replace the whole list, remove and clear", async () => {
    using roots = withApp();
    const seen: string[][] = [];
    await dokku(roots, "buildpacks:set", "web", "heroku/nodejs");
    await dokku(roots, "buildpacks:set", "web", "heroku/ruby");
    seen.push(await urls(roots));
    await dokku(roots, "buildpacks:set", "--index", "2", "web", "heroku/python");
    await dokku(roots, "buildpacks:set", "--index", "100", "web", "heroku/php");
    seen.push(await urls(roots));
    await dokku(roots, "buildpacks:set", "--replace", "web", "heroku/go", "heroku/java");
    seen.push(await urls(roots));
    const removed = await dokku(roots, "buildpacks:remove", "web", "heroku/go");
    const byIndex = await dokku(roots, "buildpacks:remove", "web", "--index", "1");
    const cleared = [
      await dokku(roots, "buildpacks:add", "web", "heroku/go"),
      await dokku(roots, "buildpacks:clear", "web"),
    ];
    expect({ seen, removed, byIndex, cleared, after: await urls(roots) }).toEqual({
      seen: [[gh("ruby")], [gh("ruby"), gh("python"), gh("php")], [gh("go"), gh("java")]],
      removed: { stdout: `-----> Removing ${gh("go")}\n`, stderr: "", exitCode: 0 },
      byIndex: { stdout: `-----> Removing ${gh("java")}\n`, stderr: "", exitCode: 0 },
      cleared: [
        { stdout: "", stderr: "", exitCode: 0 },
        { stdout: "", stderr: "", exitCode: 0 },
      ],
      after: [""],
    });
  });

  test("set-property stack and the report's raw, global and computed stack", async () => {
    using roots = withApp();
    await dokku(roots, "buildpacks:add", "web", "heroku/nodejs");
    await dokku(roots, "buildpacks:set-property", "--global", "stack", "gliderlabs/herokuish:global");
    const global = JSON.parse((await dokku(roots, "buildpacks:report", "web", "--format", "json")).stdout);
    await dokku(roots, "buildpacks:set-property", "web", "stack", "gliderlabs/herokuish:app");
    const own = await dokku(roots, "buildpacks:report", "web", "--buildpacks-computed-stack");
    expect({ global, own }).toEqual({
      global: {
        "computed-stack": "gliderlabs/herokuish:global",
        "global-stack": "gliderlabs/herokuish:global",
        list: gh("nodejs"),
        stack: "",
        "buildpacks-computed-stack": "gliderlabs/herokuish:global",
        "buildpacks-global-stack": "gliderlabs/herokuish:global",
        "buildpacks-list": gh("nodejs"),
        "buildpacks-stack": "",
      },
      own: { stdout: "gliderlabs/herokuish:app\n", stderr: "", exitCode: 0 },
    });
  });

  const refusals: [string[], string][] = [
    [["buildpacks:add", "web"], "Must specify a buildpack url or reference"],
    [["buildpacks:add", "web", "nodejs"], "Invalid buildpack specified: nodejs"],
    [["buildpacks:add", "web", "/nodejs"], "Invalid buildpack specified: /nodejs"],
    [["buildpacks:add", "web", "http://nodejs"], "Invalid buildpack specified: http://nodejs"],
    [["buildpacks:add", "web", "https://x.com/a/b c"], "Invalid buildpack specified: https://x.com/a/b c"],
    [
      ["buildpacks:add", "web", `https://x.com/a/${"b".repeat(2048)}`],
      "Invalid buildpack specified: it is 2064 characters; the limit is 2048",
    ],
    [
      ["buildpacks:add", "--index", "x", "web", "heroku/go"],
      'invalid value "x" for flag --index: expected a whole number from 0 to 10000',
    ],
    [["buildpacks:set", "web"], "Must specify a buildpack"],
    [["buildpacks:set", "web", "heroku/a", "heroku/b"], "Setting multiple buildpacks requires the --replace flag"],
    [
      ["buildpacks:set", "--replace", "web"],
      "Must specify at least one buildpack, use buildpacks:clear to remove all buildpacks",
    ],
    [
      ["buildpacks:set", "--replace", "--index", "1", "web", "heroku/a"],
      "The --index flag cannot be used with --replace",
    ],
    [["buildpacks:set", "--replace", "web", "heroku/ruby", "nodejs"], "Invalid buildpack specified: nodejs"],
    [["buildpacks:remove", "web"], "Must specify a buildpack to remove, either by index or URL"],
    [["buildpacks:remove", "--index", "1", "web", "heroku/a"], "Please choose either index or Buildpack, but not both"],
    [["buildpacks:remove", "web", "heroku/nodejs"], "Value not found"],
    [
      ["buildpacks:set-property", "web", "colour", "red"],
      "Invalid property specified, valid properties include: stack",
    ],
    [
      ["buildpacks:set-property", "web", "stack", "bad image"],
      "Invalid stack 'bad image': expected an image reference of at most 255 characters",
    ],
    [["buildpacks:list", "missing"], "App missing does not exist"],
  ];
  for (const [args, message] of refusals) {
    test(`refuses ${args.join(" ").slice(0, 80)} in one line and writes nothing`, async () => {
      using roots = withApp();
      await dokku(roots, "buildpacks:add", "web", "heroku/ruby");
      const before = snapshotTree(roots.dir);
      const result = await dokku(roots, ...args);
      expect({ stderr: result.stderr, failed: result.exitCode !== 0, after: snapshotTree(roots.dir) }).toEqual({
        stderr: ` !     ${message}\n`,
        failed: true,
        after: before,
      });
    });
  }

  test("an app with buildpacks is detected as herokuish, which a deploy here says it lacks", async () => {
    using roots = withApp();
    await dokku(roots, "buildpacks:add", "web", "heroku/nodejs");
    expect((await dokku(roots, "plugin:trigger", "builder-detect", "web", roots.dir)).stdout).toBe("herokuish\n");
  });
});

describe("builder-herokuish, builder-pack, builder-lambda, builder-nixpacks, builder-railpack (issue 14)", () => {
  const cases: [string, string, string][] = [
    ["builder-herokuish", "allowed", "false"],
    ["builder-pack", "projecttoml-path", "other/project.toml"],
    ["builder-lambda", "lambdayml-path", "other/lambda.yml"],
    ["builder-nixpacks", "nixpackstoml-path", "other/nixpacks.toml"],
    ["builder-railpack", "railpackjson-path", "other/railpack.json"],
  ];
  for (const [ns, property, value] of cases) {
    test(`${ns}:set and ${ns}:report give raw, global and computed ${property} as Dokku`, async () => {
      using roots = withApp();
      const computed = async () => (await dokku(roots, `${ns}:report`, "web", `--${ns}-computed-${property}`)).stdout;
      const fallback = await computed();
      const setGlobal = await dokku(roots, `${ns}:set`, "--global", property, value);
      const fromGlobal = await computed();
      await dokku(roots, `${ns}:set`, "web", property, ns === "builder-herokuish" ? "true" : "app/file");
      const json = JSON.parse((await dokku(roots, `${ns}:report`, "web", "--format", "json")).stdout);
      const unset = await dokku(roots, `${ns}:set`, "web", property);
      expect({ fallback, setGlobal, fromGlobal, json, unset: unset.stdout }).toEqual({
        fallback: `${ns === "builder-herokuish" ? (process.arch === "x64" ? "true" : "false") : value.replace("other/", "")}\n`,
        setGlobal: { stdout: `=====> Setting ${property} to ${value}\n`, stderr: "", exitCode: 0 },
        fromGlobal: `${value}\n`,
        json: {
          [`computed-${property}`]: ns === "builder-herokuish" ? "true" : "app/file",
          [`global-${property}`]: value,
          [property]: ns === "builder-herokuish" ? "true" : "app/file",
        },
        unset: `=====> Unsetting ${property}\n`,
      });
    });
  }

  test("refuses a bad key or value in Dokku's words and writes nothing", async () => {
    using roots = withApp();
    const before = snapshotTree(roots.dir);
    const results = [
      await dokku(roots, "builder-herokuish:set", "web", "colour", "red"),
      await dokku(roots, "builder-herokuish:set", "web"),
      await dokku(roots, "builder-herokuish:set", "web", "allowed", "maybe"),
      await dokku(roots, "builder-pack:set", "web", "projecttoml-path", "../project.toml"),
    ];
    expect({ stderr: results.map((result) => result.stderr), after: snapshotTree(roots.dir) }).toEqual({
      stderr: [
        " !     Invalid key specified, valid keys include: allowed\n",
        " !     No key specified\n",
        " !     allowed must be true or false\n",
        " !     Invalid projecttoml-path '../project.toml': it must stay inside the app's source tree\n",
      ],
      after: before,
    });
  });

  test("each namespace's help is Dokku's", async () => {
    using roots = withApp();
    const help = await dokku(roots, "builder-pack:help");
    expect(help.stdout.split("\n").slice(0, 3)).toEqual([
      "Usage: dokku builder-pack[:COMMAND]",
      "",
      "Manage the pack builder integration for an app",
    ]);
    expect((await dokku(roots, "buildpacks:help")).stdout).toContain("Manage buildpacks settings for an app");
  });
});
