import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

type Roots = ReturnType<typeof tempRoots>;
const dokku = (roots: Roots, ...args: string[]) => runDokku(args, { env: roots.env });
const lib = (roots: Roots) => roots.env.DOKKU_LIB_ROOT as string;
const stored = (roots: Roots, key: string, app = "shop") => {
  const path = join(lib(roots), "config/docker-options", app, key);
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
};
const ok = (stdout: string) => ({ stdout, stderr: "", exitCode: 0 });
const refused = (message: string, exitCode = 1) => ({ stdout: "", stderr: ` !     ${message}\n`, exitCode });

async function withApp(roots: Roots, app = "shop"): Promise<void> {
  await dokku(roots, "apps:create", app);
}

const EMPTY_REPORT = [
  "=====> shop docker-options information",
  "       Docker options build:          ",
  "       Docker options deploy:         ",
  "       Docker options run:            ",
  "",
].join("\n");

describe("docker-options:add and docker-options:report", () => {
  test("stores each option once per phase in its canonical form, sorted, and reports them as Dokku does", async () => {
    using roots = tempRoots();
    await withApp(roots);
    const first = await dokku(
      roots,
      "docker-options:add",
      "shop",
      "deploy,run",
      "--ulimit nofile=12",
      "--shm-size 256m",
    );
    const second = await dokku(roots, "docker-options:add", "shop", "deploy", `--label "owner=platform team"`);
    const build = await dokku(roots, "docker-options:add", "shop", "build", "--build-arg", "NODE_ENV=production");
    const again = await dokku(roots, "docker-options:add", "shop", "deploy", "--shm-size  256m");
    const report = await dokku(roots, "docker-options:report", "shop");
    expect({
      first,
      second,
      build,
      again,
      deploy: stored(roots, "_default_.deploy"),
      run: stored(roots, "_default_.run"),
      report,
    }).toEqual({
      first: ok(""),
      second: ok(""),
      build: ok(""),
      again: ok(""),
      deploy: "--label 'owner=platform team'\n--shm-size 256m\n--ulimit nofile=12\n",
      run: "--shm-size 256m\n--ulimit nofile=12\n",
      report: ok(
        [
          "=====> shop docker-options information",
          "       Docker options build:          --build-arg NODE_ENV=production",
          "       Docker options deploy:         --label 'owner=platform team' --shm-size 256m --ulimit nofile=12",
          "       Docker options run:            --shm-size 256m --ulimit nofile=12",
          "",
        ].join("\n"),
      ),
    });
  });

  test("scopes deploy options to process types with --process before the app or among the options", async () => {
    using roots = tempRoots();
    await withApp(roots);
    const before = await dokku(
      roots,
      "docker-options:add",
      "--process",
      "web",
      "shop",
      "deploy",
      "-v /srv/web:/data:ro",
    );
    const after = await dokku(roots, "docker-options:add", "shop", "deploy", "--memory-swap -1", "--process", "worker");
    const report = await dokku(roots, "docker-options:report", "shop");
    const flag = await dokku(roots, "docker-options:report", "shop", "--docker-options-deploy.web");
    const json = await dokku(roots, "docker-options:report", "shop", "--format", "json");
    expect({
      before,
      after,
      web: stored(roots, "web.deploy"),
      report,
      flag,
      json: { ...json, stdout: JSON.parse(json.stdout) },
    }).toEqual({
      before: ok(""),
      after: ok(""),
      web: "-v /srv/web:/data:ro\n",
      report: ok(
        [
          "=====> shop docker-options information",
          "       Docker options build:          ",
          "       Docker options deploy:         ",
          "       Docker options deploy web:     -v /srv/web:/data:ro",
          "       Docker options deploy worker:  --memory-swap -1",
          "       Docker options run:            ",
          "",
        ].join("\n"),
      ),
      flag: ok("-v /srv/web:/data:ro\n"),
      json: {
        stderr: "",
        exitCode: 0,
        stdout: {
          build: "",
          "build-list": [],
          deploy: "",
          "deploy-list": [],
          "deploy.web": "-v /srv/web:/data:ro",
          "deploy.web-list": ["-v /srv/web:/data:ro"],
          "deploy.worker": "--memory-swap -1",
          "deploy.worker-list": ["--memory-swap -1"],
          "docker-options-build": "",
          "docker-options-deploy": "",
          "docker-options-deploy.web": "-v /srv/web:/data:ro",
          "docker-options-deploy.worker": "--memory-swap -1",
          "docker-options-run": "",
          run: "",
          "run-list": [],
        },
      },
    });
  });

  test("reports every app, and the JSON keys in Dokku's sorted order", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await withApp(roots, "api");
    await dokku(roots, "docker-options:add", "api", "run", "-e A=1");
    const all = await dokku(roots, "docker-options:report");
    const json = await dokku(roots, "docker-options:report", "api", "--format", "json");
    expect({ all, json }).toEqual({
      all: ok(
        [
          "=====> api docker-options information",
          "       Docker options build:          ",
          "       Docker options deploy:         ",
          "       Docker options run:            -e A=1",
          EMPTY_REPORT,
        ].join("\n"),
      ),
      json: ok(
        `{"build":"","build-list":[],"deploy":"","deploy-list":[],"docker-options-build":"","docker-options-deploy":"","docker-options-run":"-e A=1","run":"-e A=1","run-list":["-e A=1"]}\n`,
      ),
    });
  });

  test("is part of dokku report, and follows the app through apps:rename", async () => {
    using roots = tempRoots();
    await withApp(roots, "old");
    await dokku(roots, "docker-options:add", "old", "deploy", "--init");
    await dokku(roots, "apps:rename", "old", "shop");
    const report = await dokku(roots, "report", "shop");
    expect({
      moved: stored(roots, "_default_.deploy"),
      left: stored(roots, "_default_.deploy", "old"),
      section: report.stdout.includes("Docker options deploy:         --init"),
    }).toEqual({
      moved: "--init\n",
      left: undefined,
      section: true,
    });
  });
});

describe("docker-options:remove, docker-options:clear, docker-options:list", () => {
  test("removes an option by its words however it is quoted, from each phase given", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "docker-options:add", "shop", "deploy,run", "--label 'owner=platform team'", "--init");
    const removed = await dokku(roots, "docker-options:remove", "shop", "deploy,run", `--label "owner=platform team"`);
    const absent = await dokku(roots, "docker-options:remove", "shop", "build", "--init");
    expect({ removed, absent, deploy: stored(roots, "_default_.deploy"), run: stored(roots, "_default_.run") }).toEqual(
      {
        removed: ok(""),
        absent: ok(""),
        deploy: "--init\n",
        run: "--init\n",
      },
    );
  });

  test("removes a stored option we no longer support", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "docker-options:add", "shop", "deploy", "--init");
    writeFileSync(join(lib(roots), "config/docker-options/shop/_default_.deploy"), "--init\n--hostname web\n");
    const removed = await dokku(roots, "docker-options:remove", "shop", "deploy", "--hostname", "web");
    expect({ removed, deploy: stored(roots, "_default_.deploy") }).toEqual({ removed: ok(""), deploy: "--init\n" });
  });

  test("clears all phases, some phases, or a process type's options with Dokku's messages", async () => {
    using roots = tempRoots();
    await withApp(roots);
    const fill = async () => {
      await dokku(roots, "docker-options:add", "shop", "build,deploy,run", "--label a=b");
      await dokku(roots, "docker-options:add", "--process", "web", "shop", "deploy", "--init");
    };
    await fill();
    const all = await dokku(roots, "docker-options:clear", "shop");
    const afterAll = [
      stored(roots, "_default_.build"),
      stored(roots, "_default_.deploy"),
      stored(roots, "_default_.run"),
      stored(roots, "web.deploy"),
    ];
    await fill();
    const some = await dokku(roots, "docker-options:clear", "shop", "build,run");
    const afterSome = [
      stored(roots, "_default_.build"),
      stored(roots, "_default_.deploy"),
      stored(roots, "_default_.run"),
    ];
    const web = await dokku(roots, "docker-options:clear", "--process", "web", "shop");
    expect({ all, afterAll, some, afterSome, web, webLeft: stored(roots, "web.deploy") }).toEqual({
      all: ok("-----> Clearing docker-options for shop on all phases\n"),
      afterAll: [undefined, undefined, undefined, "--init\n"],
      some: ok(
        "-----> Clearing docker-options for shop on phase build\n-----> Clearing docker-options for shop on phase run\n",
      ),
      afterSome: [undefined, "--label a=b\n", undefined],
      web: ok("-----> Clearing docker-options for shop on phase deploy for process web\n"),
      webLeft: undefined,
    });
  });

  test("lists one scope's options, one per line", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "docker-options:add", "shop", "deploy", "--init", "--label 'a=b c'");
    await dokku(roots, "docker-options:add", "--process", "web", "shop", "deploy", "--privileged");
    const app = await dokku(roots, "docker-options:list", "shop", "--phase", "deploy");
    const web = await dokku(roots, "docker-options:list", "shop", "--process", "web", "--phase=deploy");
    expect({ app, web }).toEqual({ app: ok("--init\n--label 'a=b c'\n"), web: ok("--privileged\n") });
  });
});

describe("docker-options as Dokku parses them (issue 14)", () => {
  test("stores an anonymous volume in every phase, warning that build does not use it", async () => {
    using roots = tempRoots();
    await withApp(roots);
    const added = await dokku(roots, "docker-options:add", "shop", "build,deploy,run", "-v /tmp");
    const report = await dokku(roots, "docker-options:report", "shop", "--docker-options-build");
    const removed = await dokku(roots, "docker-options:remove", "shop", "build", "-v /tmp");
    expect({
      added,
      report,
      removed,
      deploy: stored(roots, "_default_.deploy"),
      build: stored(roots, "_default_.build"),
    }).toEqual({
      added: {
        stdout: "",
        stderr:
          " !     Docker option -v is not used in the build phase (used in: deploy, run); stored, and skipped there\n",
        exitCode: 0,
      },
      report: ok("-v /tmp\n"),
      removed: ok(""),
      deploy: "-v /tmp\n",
      build: undefined,
    });
  });

  test("keeps $(...) and backticks literally, single-quoted in the store", async () => {
    using roots = tempRoots();
    await withApp(roots);
    const added = await dokku(
      roots,
      "docker-options:add",
      "shop",
      "deploy",
      "--label=com.dokku.test=$(id)",
      "-e X=`id`",
    );
    const list = await dokku(roots, "docker-options:list", "shop", "--phase", "deploy");
    const removed = await dokku(roots, "docker-options:remove", "shop", "deploy", "-e 'X=`id`'");
    expect({ added, list, removed, deploy: stored(roots, "_default_.deploy") }).toEqual({
      added: ok(""),
      list: ok("'--label=com.dokku.test=$(id)'\n-e 'X=`id`'\n"),
      removed: ok(""),
      deploy: "'--label=com.dokku.test=$(id)'\n",
    });
  });

  test("splits multi-flag input into options and removes it symmetrically", async () => {
    using roots = tempRoots();
    await withApp(roots);
    const words = ["--build-arg", "X=Y", "--link", "foo", "--link", "bar"];
    const added = await dokku(roots, "docker-options:add", "shop", "build", ...words);
    const list = await dokku(roots, "docker-options:list", "shop", "--phase", "build");
    const removed = await dokku(roots, "docker-options:remove", "shop", "build", ...words);
    const after = await dokku(roots, "docker-options:list", "shop", "--phase", "build");
    const warning =
      " !     Docker option --link is not used in the build phase (used in: deploy, run); stored, and skipped there\n";
    expect({ added, list, removed, after }).toEqual({
      added: { stdout: "", stderr: warning + warning, exitCode: 0 },
      list: ok("--build-arg X=Y\n--link bar\n--link foo\n"),
      removed: ok(""),
      after: ok(""),
    });
  });

  test("removes an option stored in the pre-0.38.25 unquoted form", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "docker-options:add", "shop", "deploy", "-v /tmp/keep:/keep");
    const legacy = "--group-add $(getent group docker | cut -d: -f3)";
    writeFileSync(join(lib(roots), "config/docker-options/shop/_default_.deploy"), `${legacy}\n-v /tmp/keep:/keep\n`);
    const list = await dokku(roots, "docker-options:list", "shop", "--phase", "deploy");
    const removed = await dokku(roots, "docker-options:remove", "shop", "deploy", legacy);
    const after = await dokku(roots, "docker-options:list", "shop", "--phase", "deploy");
    expect({ list, removed, after }).toEqual({
      list: ok(`${legacy}\n-v /tmp/keep:/keep\n`),
      removed: ok(""),
      after: ok("-v /tmp/keep:/keep\n"),
    });
  });
});

describe("docker-options bad input", () => {
  const cases: [string, string[], string, number?][] = [
    ["no app", ["docker-options:add"], "Please specify an app to run the command on"],
    ["a missing app", ["docker-options:add", "nope", "deploy", "--init"], "App nope does not exist", 20],
    [
      "an invalid app name",
      ["docker-options:add", "Bad_App", "deploy", "--init"],
      "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens",
    ],
    ["no option", ["docker-options:add", "shop", "deploy"], "Please specify docker options to add to the phase"],
    ["no phase", ["docker-options:add", "shop"], "Please specify docker options to add to the phase"],
    [
      "an unknown phase",
      ["docker-options:add", "shop", "deploy,release", "--init"],
      "Phase(s) must be one of [build deploy run]",
    ],
    [
      "a bad ulimit",
      ["docker-options:add", "shop", "deploy", "--ulimit nofile=9:1"],
      "Invalid --ulimit value 'nofile=9:1': expected a soft limit no greater than the hard limit",
    ],
    [
      "a bad size",
      ["docker-options:add", "shop", "deploy", "--shm-size", "huge"],
      "Invalid --shm-size value 'huge': expected a size such as 64m, 1g or 1048576",
    ],
    [
      "a shell operator",
      ["docker-options:add", "shop", "deploy", "-v /a:/b && touch /tmp/pwned"],
      "Unable to parse docker option: unquoted '&' (quote the value; options never run through a shell)",
    ],
    [
      "a bare subshell",
      ["docker-options:add", "shop", "deploy", "--label a=(id)"],
      "Unable to parse docker option: unquoted '(' (quote the value; options never run through a shell)",
    ],
    [
      "an unterminated substitution",
      ["docker-options:add", "shop", "deploy", "--label a=$(id"],
      "Unable to parse docker option: unterminated substitution",
    ],
    [
      "a bad value beside a phase it is not used in",
      ["docker-options:add", "shop", "build,deploy", "-v ../etc:/etc"],
      "Invalid -v value '../etc:/etc': expected /host/path:/container/path[:ro], volume-name:/container/path or /container/path (absolute paths, no '..')",
    ],
    [
      "an unterminated quote",
      ["docker-options:add", "shop", "deploy", "--label 'a=b"],
      "Unable to parse docker option: unterminated single quote",
    ],
    [
      "a value for a switch",
      ["docker-options:add", "shop", "deploy", "--privileged yes"],
      "Docker option --privileged takes no value",
    ],
    [
      "--process for build",
      ["docker-options:add", "--process", "web", "shop", "build", "--label a=b"],
      '--process is only supported for the deploy phase, got "build"',
    ],
    [
      "the reserved process",
      ["docker-options:add", "shop", "deploy", "--init", "--process=_default_"],
      '"_default_" is reserved and cannot be used as a --process value',
    ],
    [
      "a bad process name",
      ["docker-options:add", "--process", "../x", "shop", "deploy", "--init"],
      "Invalid process type name '../x'",
    ],
    [
      "an unknown flag before the app",
      ["docker-options:add", "--global", "shop", "deploy", "--init"],
      "unknown flag: --global",
    ],
    [
      "remove without an option",
      ["docker-options:remove", "shop", "deploy"],
      "Please specify docker options to remove from the phase",
    ],
    [
      "remove with an unknown phase",
      ["docker-options:remove", "shop", "release", "--init"],
      "Phase(s) must be one of [build deploy run]",
    ],
    [
      "clear with an unknown phase",
      ["docker-options:clear", "shop", "deploy,nope"],
      "Phase(s) must be one of [build deploy run]",
    ],
    [
      "clear of a process for run",
      ["docker-options:clear", "--process", "web", "shop", "run"],
      '--process is only supported for the deploy phase, got "run"',
    ],
    ["list without a phase", ["docker-options:list", "shop"], "--phase is required"],
    [
      "list with an unknown phase",
      ["docker-options:list", "shop", "--phase", "ship"],
      "Phase must be one of [build deploy run]",
    ],
    [
      "report with an unknown flag",
      ["docker-options:report", "shop", "--docker-options-nope"],
      "Invalid flag passed, valid flags: --docker-options-build, --docker-options-deploy, --docker-options-run",
    ],
    [
      "report as json with a flag",
      ["docker-options:report", "shop", "--format", "json", "--docker-options-run"],
      "--format flag cannot be specified when specifying an info flag",
    ],
    [
      "report in an unknown format",
      ["docker-options:report", "shop", "--format", "yaml"],
      "Invalid --format value specified: yaml. Valid values: stdout, json",
    ],
  ];

  for (const [what, args, message, exitCode] of cases) {
    test(`refuses ${what} in one line and writes nothing`, async () => {
      using roots = tempRoots();
      await withApp(roots);
      await dokku(roots, "docker-options:add", "shop", "deploy", "--init");
      const before = snapshotTree(roots.dir);
      const result = await dokku(roots, ...args);
      expect({ result, after: snapshotTree(roots.dir) }).toEqual({ result: refused(message, exitCode), after: before });
    });
  }

  test("refuses an unsupported option with the supported ones listed in one line, and writes nothing", async () => {
    using roots = tempRoots();
    await withApp(roots);
    const before = snapshotTree(roots.dir);
    const result = await dokku(roots, "docker-options:add", "shop", "deploy,run", "--init", "--hostname web");
    expect({
      exitCode: result.exitCode,
      stdout: result.stdout,
      lines: result.stderr.split("\n").length,
      after: snapshotTree(roots.dir),
    }).toEqual({
      exitCode: 1,
      stdout: "",
      lines: 2,
      after: before,
    });
    expect(result.stderr).toStartWith(
      " !     Unsupported docker option '--hostname'; supported: --add-host, --build-arg, --cap-add,",
    );
  });
});
