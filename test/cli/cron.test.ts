import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CronEntry } from "../../src/builders/app-json-types";
import { cronTaskId } from "../../src/builders/cron-id";
import { DOKKU_BIN, runDokku, tempRoots } from "../harness";
import { machine } from "../machine";
import { snapshotTree } from "../plugins/apps/tree";
import { saveCurrentRelease, testRelease } from "../plugins/scheduler-docker-local/fixture";

type Roots = ReturnType<typeof tempRoots>;
const crontabFile = (roots: Roots) => join(roots.dir, "crontab");
const env = (roots: Roots) => ({ ...roots.env, DOKKU_CRONTAB_FILE: crontabFile(roots) });
const dokku = (roots: Roots, ...args: string[]) => runDokku(args, { env: env(roots) });
const lib = (roots: Roots) => roots.env.DOKKU_LIB_ROOT as string;
const crontab = (roots: Roots) =>
  existsSync(crontabFile(roots)) ? readFileSync(crontabFile(roots), "utf8") : undefined;
/** Everything the binary may write: state roots and the crontab. */
const state = (roots: Roots) => ({
  lib: snapshotTree(lib(roots)),
  home: snapshotTree(roots.env.DOKKU_ROOT as string),
  crontab: crontab(roots),
});
const ok = (stdout: string) => ({ stdout, stderr: "", exitCode: 0 });
const refused = (message: string, exitCode = 1) => ({ stdout: "", stderr: ` !     ${message}\n`, exitCode });

const ENTRIES: CronEntry[] = [
  { command: "echo hi", schedule: "@daily" },
  { command: "node send.js", schedule: "*/5 * * * *", concurrency_policy: "forbid" },
];
const id = (app: string, index: number) =>
  cronTaskId(app, ENTRIES[index]?.command ?? "", ENTRIES[index]?.schedule ?? "");

/** An app whose current release has ENTRIES as its app.json cron (no deploy needed). */
async function appWithTasks(roots: Roots, app = "shop", entries: CronEntry[] = ENTRIES): Promise<void> {
  const created = await dokku(roots, "apps:create", app);
  if (created.exitCode !== 0) throw new Error(created.stderr);
  saveCurrentRelease(lib(roots), { ...testRelease(app, `dokku/${app}:latest`, {}), appJson: { cron: entries } });
}

/** The crontab's task lines. */
const lines = (roots: Roots) => (crontab(roots) ?? "").split("\n").filter((line) => line.includes(" cron:run "));

describe("cron:list", () => {
  test("lists the current release's tasks with their ids, policy and maintenance", async () => {
    using roots = tempRoots();
    await appWithTasks(roots);
    const [a, b] = [id("shop", 0), id("shop", 1)];
    const pad = " ".repeat(b.length - a.length);
    expect(await dokku(roots, "cron:list", "shop")).toEqual(
      ok(
        [
          `ID${" ".repeat(b.length - 2)}  Schedule     Concurrency  Maintenance  Command`,
          `${a}${pad}  @daily       allow        false        echo hi`,
          `${b}  */5 * * * *  forbid       false        node send.js`,
          "",
        ].join("\n"),
      ),
    );
  });

  test("prints JSON with --format json, an empty list before the first deploy, and nothing global", async () => {
    using roots = tempRoots();
    await appWithTasks(roots);
    await dokku(roots, "apps:create", "bare");
    const json = await dokku(roots, "cron:list", "shop", "--format", "json");
    expect({
      tasks: JSON.parse(json.stdout),
      bare: await dokku(roots, "cron:list", "bare", "--format", "json"),
      global: await dokku(roots, "cron:list", "--global"),
    }).toEqual({
      tasks: [
        {
          id: id("shop", 0),
          app: "shop",
          command: "echo hi",
          schedule: "@daily",
          concurrency_policy: "allow",
          "app-in-maintenance": false,
          "task-in-maintenance": false,
          maintenance: false,
        },
        {
          id: id("shop", 1),
          app: "shop",
          command: "node send.js",
          schedule: "*/5 * * * *",
          concurrency_policy: "forbid",
          "app-in-maintenance": false,
          "task-in-maintenance": false,
          maintenance: false,
        },
      ],
      bare: ok("[]\n"),
      global: ok("ID  Schedule  Concurrency  Maintenance  Command\n"),
    });
  });

  test("refuses a bad format, a missing or unknown app", async () => {
    using roots = tempRoots();
    await appWithTasks(roots);
    const before = state(roots);
    expect([
      await dokku(roots, "cron:list", "shop", "--format", "xml"),
      await dokku(roots, "cron:list"),
      await dokku(roots, "cron:list", "nope"),
      await dokku(roots, "cron:list", "Bad_Name"),
    ]).toEqual([
      refused("Invalid format specified, supported formats: json, stdout"),
      refused("Please specify an app to run the command on"),
      refused("App nope does not exist", 20),
      refused(
        "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens",
      ),
    ]);
    expect(state(roots)).toEqual(before);
  });
});

describe("cron:report", () => {
  test("reports mail settings, maintenance, the task count and suspended tasks", async () => {
    using roots = tempRoots();
    await appWithTasks(roots);
    await dokku(roots, "cron:set", "--global", "mailto", "ops@example.com");
    await dokku(roots, "cron:suspend", "shop", id("shop", 0));
    const report = await dokku(roots, "cron:report", "shop");
    const width = `Cron maintenance ${id("shop", 0)}: `.length;
    const row = (label: string, value: string) => `       ${`${label}:`.padEnd(width)}${value}`;
    expect({
      report,
      flag: await dokku(roots, "cron:report", "shop", "--cron-task-count"),
      json: JSON.parse((await dokku(roots, "cron:report", "shop", "--format", "json")).stdout)["computed-mailto"],
      global: await dokku(roots, "cron:report", "--global", "--cron-global-mailto"),
    }).toEqual({
      report: ok(
        [
          "=====> shop cron information",
          row("Cron computed mailfrom", ""),
          row("Cron computed mailto", "ops@example.com"),
          row("Cron computed maintenance", "false"),
          row("Cron global mailfrom", ""),
          row("Cron global mailto", "ops@example.com"),
          row("Cron global maintenance", ""),
          row("Cron maintenance", ""),
          row(`Cron maintenance ${id("shop", 0)}`, "true"),
          row("Cron task count", "2"),
          "",
        ].join("\n"),
      ),
      flag: ok("2\n"),
      json: "ops@example.com",
      global: ok("ops@example.com\n"),
    });
  });

  test("refuses an unknown flag and an unknown app", async () => {
    using roots = tempRoots();
    await appWithTasks(roots);
    const flag = await dokku(roots, "cron:report", "shop", "--cron-nope");
    expect([
      { ...flag, stderr: flag.stderr.slice(0, flag.stderr.indexOf(", --cron-computed-mailto")) },
      await dokku(roots, "cron:report", "nope"),
    ]).toEqual([
      { stdout: "", stderr: " !     Invalid flag passed, valid flags: --cron-computed-mailfrom", exitCode: 1 },
      refused("App nope does not exist", 20),
    ]);
  });
});

describe("cron:set, cron:suspend and cron:resume", () => {
  test("write the host schedule: a line per task, none for suspended tasks or an app in maintenance", async () => {
    using roots = tempRoots();
    await appWithTasks(roots);
    const first = await dokku(roots, "cron:set", "--global", "mailto", "ops@example.com");
    const all = lines(roots);
    const suspended = await dokku(roots, "cron:suspend", "shop", id("shop", 0));
    const afterSuspend = lines(roots);
    const listed = (await dokku(roots, "cron:list", "shop")).stdout.includes("true (task)");
    await dokku(roots, "cron:resume", "shop", id("shop", 0));
    const afterResume = lines(roots);
    const maintenance = await dokku(roots, "cron:set", "shop", "maintenance", "true");
    const removed = crontab(roots);
    expect({ first, all, suspended, afterSuspend, listed, afterResume, maintenance, removed }).toEqual({
      first: ok("=====> Setting mailto to ops@example.com\n-----> Updated schedule file\n"),
      all: [
        `@daily ${DOKKU_BIN} cron:run shop ${id("shop", 0)}`,
        `*/5 * * * * ${DOKKU_BIN} cron:run shop ${id("shop", 1)}`,
      ],
      suspended: ok(`=====> Setting maintenance.${id("shop", 0)} to true\n-----> Updated schedule file\n`),
      afterSuspend: [`*/5 * * * * ${DOKKU_BIN} cron:run shop ${id("shop", 1)}`],
      listed: true,
      afterResume: all,
      maintenance: ok("=====> Setting maintenance to true\n-----> Removed schedule file\n"),
      removed: undefined,
    });
  });

  test("the crontab carries MAILTO and the roots the lines act on", async () => {
    using roots = tempRoots();
    await appWithTasks(roots);
    await dokku(roots, "cron:set", "--global", "mailto", "ops@example.com");
    expect((crontab(roots) ?? "").split("\n").slice(1, 7)).toEqual([
      "MAILTO=ops@example.com",
      "PATH=/usr/local/bin:/usr/bin:/bin",
      "SHELL=/bin/bash",
      `DOKKU_ROOT=${roots.env.DOKKU_ROOT}`,
      `DOKKU_LIB_ROOT=${roots.env.DOKKU_LIB_ROOT}`,
      `DOKKU_LOGS_DIR=${roots.env.DOKKU_LOGS_DIR}`,
    ]);
  });

  test("refuse bad input with one line, writing nothing", async () => {
    using roots = tempRoots();
    await appWithTasks(roots);
    const before = state(roots);
    expect([
      await dokku(roots, "cron:set", "shop", "mailto", "a@b.c"),
      await dokku(roots, "cron:set", "shop", "maintenance", "yes"),
      await dokku(roots, "cron:set", "shop", "colour", "red"),
      await dokku(roots, "cron:set", "--global", "mailto", "a@b.c\n* * * * * evil"),
      await dokku(roots, "cron:set", "--global", `maintenance.${id("shop", 0)}`, "true"),
      await dokku(roots, "cron:set", "nope", "maintenance", "true"),
      await dokku(roots, "cron:suspend", "shop", "abc"),
      await dokku(roots, "cron:suspend", "shop"),
      await dokku(roots, "cron:suspend", "--global", id("shop", 0)),
      await dokku(roots, "cron:resume", "nope", id("shop", 0)),
    ]).toEqual([
      refused("Property cannot be specified on a per-app basis"),
      refused("Invalid value for maintenance: yes; expected true or false"),
      refused("Invalid property specified, valid properties include: mailfrom, mailto, maintenance"),
      refused("Invalid value for mailto: control characters are not allowed"),
      refused("Task maintenance properties cannot be set globally"),
      refused("App nope does not exist", 20),
      refused("Invalid task maintenance property, no matching task ID found: maintenance.abc"),
      refused("Invalid task maintenance property, missing ID"),
      refused("Task maintenance properties cannot be set globally"),
      refused("App nope does not exist", 20),
    ]);
    expect(state(roots)).toEqual(before);
  });
});

describe("cron:run", () => {
  test("refuses a missing or unknown id, a bad --ttl-seconds and an unknown app, running nothing", async () => {
    using roots = tempRoots();
    await appWithTasks(roots);
    await dokku(roots, "apps:create", "bare");
    const before = state(roots);
    expect([
      await dokku(roots, "cron:run", "shop"),
      await dokku(roots, "cron:run", "shop", "abc"),
      await dokku(roots, "cron:run", "shop", id("shop", 0), "--ttl-seconds", "0"),
      await dokku(roots, "cron:run", "shop", id("shop", 0), "--ttl-seconds", "soon"),
      await dokku(roots, "cron:run", "bare", "abc"),
      await dokku(roots, "cron:run", "nope", "abc"),
    ]).toEqual([
      refused("Please specify a Cron ID from the output of 'dokku cron:list shop'"),
      refused("No matching Cron ID found. Please specify a Cron ID from the output of 'dokku cron:list shop'"),
      refused("--ttl-seconds must be a positive integer"),
      refused("--ttl-seconds must be a positive integer"),
      refused("No matching Cron ID found. Please specify a Cron ID from the output of 'dokku cron:list bare'"),
      refused("App nope does not exist", 20),
    ]);
    expect(state(roots)).toEqual(before);
  });
});

describe("cron and the app's lifecycle", () => {
  // apps:rename renames the app's images (post-app-rename)
  test.skipIf(!machine.docker)(
    "apps:rename keeps a suspended task suspended under the new name's id and rewrites the schedule",
    async () => {
      using roots = tempRoots();
      await appWithTasks(roots);
      await dokku(roots, "cron:suspend", "shop", id("shop", 0));
      const renamed = await dokku(roots, "apps:rename", "--skip-deploy", "shop", "store");
      expect({
        exitCode: renamed.exitCode,
        list: JSON.parse((await dokku(roots, "cron:list", "store", "--format", "json")).stdout).map(
          (task: { id: string; maintenance: boolean }) => [task.id, task.maintenance],
        ),
        lines: lines(roots),
      }).toEqual({
        exitCode: 0,
        list: [
          [id("store", 0), true],
          [id("store", 1), false],
        ],
        lines: [`*/5 * * * * ${DOKKU_BIN} cron:run store ${id("store", 1)}`],
      });
    },
  );

  test("apps:destroy takes the app's tasks out of the schedule", async () => {
    using roots = tempRoots();
    await appWithTasks(roots, "shop");
    await appWithTasks(roots, "blog", [{ command: "echo blog", schedule: "@hourly" }]);
    await dokku(roots, "cron:set", "shop", "maintenance", "false");
    const both = lines(roots).length;
    await runDokku(["apps:destroy", "shop", "--force"], { env: env(roots) });
    expect({ both, after: lines(roots) }).toEqual({
      both: 3,
      after: [`@hourly ${DOKKU_BIN} cron:run blog ${cronTaskId("blog", "echo blog", "@hourly")}`],
    });
  });
});
