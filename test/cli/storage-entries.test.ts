import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

type Roots = ReturnType<typeof tempRoots>;
const dokku = (roots: Roots, ...args: string[]) => runDokku(args, { env: roots.env });
const dokkuWith = (roots: Roots, stdin: string, ...args: string[]) => runDokku(args, { env: roots.env, stdin });
const lib = (roots: Roots) => roots.env.DOKKU_LIB_ROOT as string;
const storage = (roots: Roots, name = "") => join(lib(roots), "data/storage", name).replace(/\/$/, "");
const entryFile = (roots: Roots, name: string) => join(lib(roots), "data/storage-registry/entries", `${name}.json`);
const ok = (stdout: string, stderr = "") => ({ stdout, stderr, exitCode: 0 });
const refused = (message: string, exitCode = 1) => ({ stdout: "", stderr: ` !     ${message}\n`, exitCode });
const isRoot = process.getuid?.() === 0;
const json = (text: string) => JSON.parse(text) as unknown;

async function withApp(roots: Roots, app = "shop"): Promise<void> {
  const created = await dokku(roots, "apps:create", app);
  if (created.exitCode !== 0) throw new Error(created.stderr);
}

describe("storage:create, storage:info, storage:list-entries, storage:destroy", () => {
  test("registers an entry on <storage root>/<name>, shows it, lists it, destroys it with --force (issue 14)", async () => {
    using roots = tempRoots();
    const dir = storage(roots, "uploads");
    const created = await dokku(roots, "storage:create", "uploads");
    const again = await dokku(roots, "storage:create", "uploads");
    const info = await dokku(roots, "storage:info", "uploads");
    const infoJson = await dokku(roots, "storage:info", "uploads", "--format", "json");
    const list = await dokku(roots, "storage:list-entries");
    const listJson = await dokku(roots, "storage:list-entries", "--format", "json");
    const filtered = await dokku(roots, "storage:list-entries", "--scheduler", "k3s", "--format", "json");
    const destroyed = await dokku(roots, "storage:destroy", "uploads", "--force");
    const empty = await dokku(roots, "storage:list-entries");
    const entry = { name: "uploads", scheduler: "docker-local", host_path: dir, schema_version: 1 };
    expect({
      created,
      again,
      info,
      infoJson: json(infoJson.stdout),
      list,
      listJson: json(listJson.stdout),
      filtered: filtered.stdout,
      destroyed,
      empty,
      dirKept: statSync(dir).isDirectory(),
      recordGone: !existsSync(entryFile(roots, "uploads")),
    }).toEqual({
      created: ok(`       Created ${dir}\n-----> Storage entry uploads created\n`),
      again: ok(
        "-----> Storage entry uploads already exists, leaving in place\n-----> Storage entry uploads created\n",
      ),
      info: ok(
        `-----> Storage entry uploads\n       Scheduler:        docker-local\n       Host path:        ${dir}\n`,
      ),
      infoJson: entry,
      list: ok(`-----> Storage entries:\n       uploads\tdocker-local\t${dir}\n`),
      listJson: [entry],
      filtered: "[]\n",
      destroyed: ok("-----> Storage entry uploads destroyed\n"),
      empty: ok("-----> No storage entries registered\n"),
      dirKept: true,
      recordGone: true,
    });
  });

  test("--mode sets the directory's mode and re-applies it on a re-run; a volume entry makes no directory", async () => {
    using roots = tempRoots();
    await dokku(roots, "storage:create", "--mode", "0777", "open");
    const first = statSync(storage(roots, "open")).mode & 0o7777;
    await dokku(roots, "storage:create", "open", "--mode", "750");
    const volume = await dokku(roots, "storage:create", "cache", "cache_vol");
    expect({
      first,
      second: statSync(storage(roots, "open")).mode & 0o7777,
      stored: json(readFileSync(entryFile(roots, "open"), "utf8")),
      volume,
      noDir: existsSync(storage(roots, "cache")),
    }).toEqual({
      first: 0o777,
      second: 0o750,
      stored: {
        name: "open",
        scheduler: "docker-local",
        host_path: storage(roots, "open"),
        mode: "0750",
        schema_version: 1,
      },
      volume: ok("-----> Storage entry cache created\n"),
      noDir: false,
    });
  });

  test.if(isRoot)("--chown gives the directory and its contents to the uid, again on a re-run", async () => {
    using roots = tempRoots();
    const created = await dokku(roots, "storage:create", "--chown", "herokuish", "owned");
    writeFileSync(join(storage(roots, "owned"), "file"), "x");
    await dokku(roots, "storage:create", "owned", "--chown", "1500");
    expect({
      created: created.stdout.split("\n")[1],
      dir: statSync(storage(roots, "owned")).uid,
      file: statSync(join(storage(roots, "owned"), "file")).gid,
    }).toEqual({ created: "       Setting directory ownership to 32767:32767", dir: 1500, file: 1500 });
  });

  test("refuses bad input with one line, in Dokku's words where Dokku has them, and writes nothing", async () => {
    using roots = tempRoots();
    await dokku(roots, "storage:create", "kept");
    const outside = join(roots.dir, "outside");
    mkdirSync(outside);
    symlinkSync(outside, storage(roots, "link"));
    const before = snapshotTree(lib(roots));
    const cases: [string[], ReturnType<typeof refused>][] = [
      [["storage:create"], refused("storage entry name is required")],
      [
        ["storage:create", "rdmtest_invalid"],
        refused(
          'storage entry name "rdmtest_invalid" must be a DNS-1123 label (lowercase letters, digits, and dashes; cannot start or end with a dash)',
        ),
      ],
      [
        ["storage:create", "legacy-foo"],
        refused('storage entry name "legacy-foo" must not start with reserved prefix "legacy-"'),
      ],
      [["storage:create", "--chown", "65536", "x"], refused("Unsupported chown permissions")],
      [["storage:create", "--chown", "-1", "x"], refused("Unsupported chown permissions")],
      [
        ["storage:create", "--mode", "0888", "x"],
        refused('Unsupported directory mode "0888". Value must be a 3 or 4 digit octal mode, such as 0755'),
      ],
      [
        ["storage:create", "--chown", "herokuish", "x", "/tmp/custom"],
        refused(
          `--chown is only supported when the storage entry uses the default host path (${storage(roots, "x")}); omit --chown and manage /tmp/custom manually`,
        ),
      ],
      [
        ["storage:create", "x", "/tmp/custom"],
        refused(
          `Host path of a storage entry must be under the storage root ${storage(roots)}/ or a docker volume name: /tmp/custom`,
        ),
      ],
      [
        ["storage:create", "x", `${storage(roots, "link")}/sub`],
        refused(
          `storage entry path ${storage(roots, "link")}/sub leaves the storage root ${storage(roots)} through a symlink`,
        ),
      ],
      [
        ["storage:create", "y", storage(roots, "link")],
        refused(`storage entry path ${storage(roots, "link")} exists but is not a directory`),
      ],
      [
        ["storage:create", "kept", storage(roots, "other")],
        refused(`storage entry "kept" already exists with host path ${storage(roots, "kept")}; refusing to redefine`),
      ],
      [
        ["storage:create", "x", "--scheduler", "k3s"],
        refused('storage entry "x" has unsupported scheduler "k3s" (supported: docker-local)'),
      ],
      [["storage:create", "x", "--size", "1Gi"], refused("unknown flag: --size")],
      [["storage:info", "ghost"], refused('storage entry "ghost" does not exist')],
      [["storage:info", "kept", "--format", "yaml"], refused("Invalid --format value specified")],
      [["storage:list-entries", "--format", "yaml"], refused("Invalid --format value specified")],
      [["storage:destroy"], refused("storage entry name is required")],
      [["storage:destroy", "ghost", "--force"], refused('storage entry "ghost" does not exist')],
      [
        ["storage:destroy", "../kept", "--force"],
        refused(
          'storage entry name "../kept" must be a DNS-1123 label (lowercase letters, digits, and dashes; cannot start or end with a dash)',
        ),
      ],
    ];
    const results = [];
    for (const [args] of cases) results.push(await dokku(roots, ...args));
    expect({ results, after: snapshotTree(lib(roots)), outside: snapshotTree(outside) }).toEqual({
      results: cases.map(([, expected]) => expected),
      after: before,
      outside: {},
    });
  });

  test("destroy asks unless forced (flag, global --force or DOKKU_APPS_FORCE_DELETE) and refuses a mounted entry", async () => {
    using roots = tempRoots();
    await withApp(roots);
    for (const name of ["busy", "confirm", "gforce", "envforce"]) await dokku(roots, "storage:create", name);
    await dokku(roots, "storage:mount", "shop", "busy", "--container-dir", "/data");
    const busy = await dokku(roots, "storage:destroy", "busy", "--force");
    const noAnswer = await dokkuWith(roots, "", "storage:destroy", "confirm");
    const wrong = await dokkuWith(roots, "nope\n", "storage:destroy", "confirm");
    const keptAfterRefusals = existsSync(entryFile(roots, "confirm"));
    const right = await dokkuWith(roots, "confirm\n", "storage:destroy", "confirm");
    const global = await dokku(roots, "--force", "storage:destroy", "gforce");
    const env = await runDokku(["storage:destroy", "envforce"], {
      env: { ...roots.env, DOKKU_APPS_FORCE_DELETE: "1" },
    });
    expect({
      busy,
      noAnswer: noAnswer.exitCode,
      wrong: wrong.stderr.split("\n").at(-2),
      keptAfterRefusals,
      right: [right.exitCode, existsSync(entryFile(roots, "confirm"))],
      global: [global.exitCode, existsSync(entryFile(roots, "gforce"))],
      env: [env.exitCode, existsSync(entryFile(roots, "envforce"))],
    }).toEqual({
      busy: refused('storage entry "busy" is still mounted by app(s): shop'),
      noAnswer: 1,
      wrong: " !     Confirmation did not match confirm. Aborted.",
      keptAfterRefusals: true,
      right: [0, false],
      global: [0, false],
      env: [0, false],
    });
  });

  test("--destroy-host-dir and reclaim policy Delete remove only the default directory, never through a symlink", async () => {
    using roots = tempRoots();
    await dokku(roots, "storage:create", "drop");
    writeFileSync(join(storage(roots, "drop"), "data"), "x");
    const dropped = await dokku(roots, "storage:destroy", "drop", "--destroy-host-dir", "--force");
    await dokku(roots, "storage:create", "policy", "--reclaim-policy", "Delete");
    await dokku(roots, "storage:destroy", "policy", "--force");
    await dokku(roots, "storage:create", "vol", "vol_name");
    const volume = await dokku(roots, "storage:destroy", "vol", "--destroy-host-dir", "--force");
    const outside = join(roots.dir, "outside");
    mkdirSync(outside);
    writeFileSync(join(outside, "precious"), "x");
    await dokku(roots, "storage:create", "swapped");
    await Bun.$`rm -rf ${storage(roots, "swapped")} && ln -s ${outside} ${storage(roots, "swapped")}`.quiet();
    const swapped = await dokku(roots, "storage:destroy", "swapped", "--destroy-host-dir", "--force");
    expect({
      dropped,
      dropGone: existsSync(storage(roots, "drop")),
      policyGone: existsSync(storage(roots, "policy")),
      volume,
      swapped,
      precious: readFileSync(join(outside, "precious"), "utf8"),
      swappedKept: existsSync(entryFile(roots, "swapped")),
    }).toEqual({
      dropped: ok(`       Removed ${storage(roots, "drop")}\n-----> Storage entry drop destroyed\n`),
      dropGone: false,
      policyGone: false,
      volume: refused(
        `--destroy-host-dir is only supported when the storage entry uses the default host path (${storage(roots, "vol")}); omit --destroy-host-dir and manage vol_name manually`,
      ),
      swapped: refused(`${storage(roots, "swapped")} exists but is not a directory`),
      precious: "x",
      swappedKept: true,
    });
  });

  test("killed between its two writes, create and destroy leave what a re-run finishes", async () => {
    using roots = tempRoots();
    const cut = (point: string, ...args: string[]) => runDokku(args, { env: { ...roots.env, DOKKU_FAILPOINT: point } });
    const create = await cut("storage-create:directory-ready", "storage:create", "half");
    const afterCreate = [existsSync(storage(roots, "half")), existsSync(entryFile(roots, "half"))];
    await dokku(roots, "storage:create", "half");
    const recreated = existsSync(entryFile(roots, "half"));
    const destroy = await cut(
      "storage-destroy:directory-removed",
      "storage:destroy",
      "half",
      "--destroy-host-dir",
      "--force",
    );
    const afterDestroy = [existsSync(storage(roots, "half")), existsSync(entryFile(roots, "half"))];
    const finished = await dokku(roots, "storage:destroy", "half", "--destroy-host-dir", "--force");
    expect({
      killed: [create.exitCode !== 0, destroy.exitCode !== 0],
      afterCreate,
      recreated,
      afterDestroy,
      finished,
    }).toEqual({
      killed: [true, true],
      afterCreate: [true, false],
      recreated: true,
      afterDestroy: [false, true],
      finished: ok("-----> Storage entry half destroyed\n"),
    });
  });

  test("concurrent destroys and mounts of one entry never leave a mount of a missing entry", async () => {
    using roots = tempRoots();
    await withApp(roots);
    const outcomes: string[] = [];
    for (let round = 0; round < 4; round++) {
      await dokku(roots, "storage:create", "race");
      const [mount, destroy] = await Promise.all([
        dokku(roots, "storage:mount", "shop", "race", "--container-dir", "/data"),
        dokku(roots, "storage:destroy", "race", "--force"),
      ]);
      const list = await dokku(roots, "storage:list", "shop", "--format", "json");
      outcomes.push(`${mount.exitCode}/${destroy.exitCode}/${list.exitCode}`);
      if (mount.exitCode === 0) await dokku(roots, "storage:unmount", "shop", "race");
      await dokku(roots, "storage:destroy", "race", "--force");
    }
    // one of the two wins each round; the list (which refuses a mount of a missing entry) always works
    expect(outcomes.every((outcome) => ["0/1/0", "1/0/0"].includes(outcome))).toBe(true);
  });
});
