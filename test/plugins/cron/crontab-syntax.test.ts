import { describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CRON_DESCRIPTORS, cronScheduleProblem } from "../../../src/builders/cron-schedule";
import { buildCrontab } from "../../../src/builders/crontab";
import { cronTasks } from "../../../src/builders/cron-tasks";
import { CRONTAB_HEADER } from "../../../src/plugins/cron/crontab-target";
import { runProgram, tempDir } from "../../harness";

const haveCrontab = Bun.which("crontab") !== null;
const SCHEDULES = [
  "* * * * *",
  "*/5 * * * *",
  "0 0 * * 7",
  "0 3 1-15/2 jan-mar mon-fri",
  "5,35 8-18 * * SUN",
  " 0\t0  * * * ",
  ...CRON_DESCRIPTORS,
];

describe.skipIf(!haveCrontab)("the crontab we write", () => {
  test("passes cron's own syntax check (crontab -n) for every kind of schedule we accept", async () => {
    using dir = tempDir("dokku-crontab-");
    const entries = SCHEDULES.map((schedule, index) => ({ command: `echo ${index}`, schedule }));
    const text = buildCrontab({
      binary: "/usr/local/bin/dokku",
      mailto: "ops@example.com, dev@example.com",
      mailfrom: "cron@example.com",
      environment: { DOKKU_ROOT: "/home/dokku", DOKKU_LIB_ROOT: "/var/lib/dokku" },
      tasks: cronTasks({ app: "shop", entries, appInMaintenance: false, suspended: new Set() }),
    });
    const path = join(dir.path, "crontab");
    writeFileSync(path, `${CRONTAB_HEADER}\n${text}`);
    const checked = await runProgram(["crontab", "-n", path]);
    expect({
      accepted: SCHEDULES.filter((schedule) => cronScheduleProblem(schedule) === undefined).length,
      exitCode: checked.exitCode,
      stderr: checked.stderr,
    }).toEqual({
      accepted: SCHEDULES.length,
      exitCode: 0,
      stderr: "The syntax of the crontab file was successfully checked.\n",
    });
  });

  test("cron itself refuses the Quartz forms we refuse (so refusing them is needed)", async () => {
    using dir = tempDir("dokku-crontab-");
    const path = join(dir.path, "crontab");
    writeFileSync(path, "0 0 L * * /usr/local/bin/dokku cron:run shop x\n");
    expect((await runProgram(["crontab", "-n", path])).stderr).toContain("bad day-of-month");
  });
});
