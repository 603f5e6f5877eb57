import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

type Roots = ReturnType<typeof tempRoots>;
const dokku = (roots: Roots, ...args: string[]) => runDokku(args, { env: roots.env });
const lib = (roots: Roots) => roots.env.DOKKU_LIB_ROOT as string;
const home = (roots: Roots) => roots.env.DOKKU_ROOT as string;
const mountsFile = (roots: Roots, app: string) => join(lib(roots), "config/storage", app, "mounts");
const read = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : undefined);
const ok = (stdout: string) => ({ stdout, stderr: "", exitCode: 0 });
const refused = (message: string, exitCode = 1) => ({ stdout: "", stderr: ` !     ${message}\n`, exitCode });
const isRoot = process.getuid?.() === 0;
/** Dokku's entry names for the host paths used below: legacy- and sha1(host)[:10]. */
const TMP_MOUNT = "legacy-fcb0b45f95";
/** What storage:ensure-directory says first, on stderr, as Dokku 0.38. */
const DEPRECATED = " !     Deprecated: please use 'storage:create' instead of 'storage:ensure-directory'\n";
const VOL1 = "legacy-3900d9fc7b";

async function withApp(roots: Roots, app = "shop"): Promise<void> {
  const created = await dokku(roots, "apps:create", app);
  if (created.exitCode !== 0) throw new Error(created.stderr);
}

describe("storage:ensure-directory", () => {
  test("creates the directory under data/storage owned by herokuish's uid by default", async () => {
    using roots = tempRoots();
    const result = await dokku(roots, "storage:ensure-directory", "shop-data");
    const dir = join(lib(roots), "data/storage/shop-data");
    expect({ result, isDir: statSync(dir).isDirectory(), uid: isRoot ? statSync(dir).uid : 32767 }).toEqual({
      result: {
        ...ok(
          `-----> Ensuring ${dir} exists\n       Setting directory ownership to 32767:32767\n       Directory ready for mounting\n`,
        ),
        stderr: DEPRECATED,
      },
      isDir: true,
      uid: 32767,
    });
  });

  test.if(isRoot)(
    "chowns per --chown, recursively, and leaves ownership alone with --chown false (flag before or after the name)",
    async () => {
      using roots = tempRoots();
      const dir = join(lib(roots), "data/storage/blob");
      await dokku(roots, "storage:ensure-directory", "blob");
      writeFileSync(join(dir, "kept.txt"), "data");
      const owners: Record<string, [number, number, string]> = {};
      for (const option of ["heroku", "paketo", "root", "4242", "false"]) {
        const result = await dokku(roots, "storage:ensure-directory", "blob", "--chown", option);
        owners[option] = [
          statSync(dir).uid,
          statSync(join(dir, "kept.txt")).gid,
          result.stdout.split("\n")[1] as string,
        ];
      }
      expect({ owners, kept: read(join(dir, "kept.txt")) }).toEqual({
        owners: {
          heroku: [1000, 1000, "       Setting directory ownership to 1000:1000"],
          paketo: [2000, 2000, "       Setting directory ownership to 2000:2000"],
          root: [0, 0, "       Setting directory ownership to 0:0"],
          "4242": [4242, 4242, "       Setting directory ownership to 4242:4242"],
          false: [4242, 4242, "       Directory ready for mounting"],
        },
        kept: "data",
      });
    },
  );

  test("refuses bad names and chown values, creating nothing", async () => {
    using roots = tempRoots();
    const before = snapshotTree(lib(roots));
    const results = [];
    for (const args of [
      [],
      ["@"],
      ["shop/"],
      ["shop/shop"],
      [".."],
      ["shop", "--chown", "nobody"],
      ["shop", "--chown", "65536"],
      ["shop", "--chown"],
    ]) {
      results.push(await dokku(roots, "storage:ensure-directory", ...args));
    }
    const chars = "Directory can only contain the following set of characters: [A-Za-z0-9_-]";
    const deprecated = (message: string) => ({
      ...refused(message),
      stderr: `${DEPRECATED}${refused(message).stderr}`,
    });
    expect({ results, after: snapshotTree(lib(roots)) }).toEqual({
      results: [
        deprecated("Please specify a directory to create"),
        deprecated(chars),
        deprecated(chars),
        deprecated(chars),
        deprecated(chars),
        deprecated("Unsupported chown permissions"),
        deprecated("Unsupported chown permissions"),
        deprecated("Unsupported chown permissions"),
      ],
      after: before,
    });
  });
});

describe("storage:mount, storage:list, storage:unmount", () => {
  test("mounts a host path and a volume, lists them, unmounts one, as Dokku's bats test", async () => {
    using roots = tempRoots();
    await withApp(roots);
    const mounted = await dokku(roots, "storage:mount", "shop", "/tmp/mount:/mount");
    const volume = await dokku(roots, "storage:mount", "shop", "vol1:/v:ro");
    const text = await dokku(roots, "storage:list", "shop");
    const quiet = await dokku(roots, "--quiet", "storage:list", "shop");
    const json = await dokku(roots, "storage:list", "shop", "--format", "json");
    const stored = read(mountsFile(roots, "shop"));
    const entry = JSON.parse(read(join(lib(roots), "data/storage-registry/entries", `${TMP_MOUNT}.json`)) ?? "null");
    const unmounted = await dokku(roots, "storage:unmount", "shop", "/tmp/mount:/mount");
    const after = await dokku(roots, "storage:list", "shop", "--format", "json");
    expect({ mounted, volume, text, quiet, json, stored, entry, unmounted, after }).toEqual({
      mounted: ok(""),
      volume: ok(""),
      text: ok("-----> shop volume bind-mounts:\n       vol1:/v:ro\n       /tmp/mount:/mount\n"),
      quiet: ok("vol1:/v:ro\n/tmp/mount:/mount\n"),
      json: ok(
        `[{"entry_name":"${VOL1}","host_path":"vol1","container_path":"/v","readonly":true},{"entry_name":"${TMP_MOUNT}","host_path":"/tmp/mount","container_path":"/mount"}]\n`,
      ),
      stored:
        `{"entry_name":"${TMP_MOUNT}","container_path":"/mount","phases":["deploy","run"],"process_type":"_default_"}\n` +
        `{"entry_name":"${VOL1}","container_path":"/v","phases":["deploy","run"],"process_type":"_default_","readonly":true}\n`,
      entry: { name: TMP_MOUNT, scheduler: "docker-local", host_path: "/tmp/mount", schema_version: 1 },
      unmounted: ok(""),
      after: ok(`[{"entry_name":"${VOL1}","host_path":"vol1","container_path":"/v","readonly":true}]\n`),
    });
  });

  test("lists nothing for an app without mounts, and the property goes when the last mount does", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "storage:mount", "shop", "/srv/a:/a");
    await dokku(roots, "storage:unmount", "shop", "/srv/a:/a");
    const json = await dokku(roots, "storage:list", "shop", "--format", "json");
    const quiet = await dokku(roots, "--quiet", "storage:list", "shop");
    expect({ json, quiet, stored: existsSync(mountsFile(roots, "shop")) }).toEqual({
      json: ok("[]\n"),
      quiet: ok(""),
      stored: false,
    });
  });

  test("refuses bad mounts with one line and writes nothing", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "storage:mount", "shop", "/tmp/mount:/mount");
    mkdirSync(join(home(roots), "shop", "uploads"), { recursive: true });
    const sneaky = join(lib(roots), "sneaky");
    symlinkSync(join(home(roots), "shop"), sneaky);
    const before = snapshotTree(lib(roots));
    const cases: [string[], ReturnType<typeof refused>][] = [
      [["storage:mount", "shop", "/tmp/mount:/mount"], refused("Mount path already exists.")],
      [["storage:mount", "shop", "/tmp/mount:/mount:ro"], refused("Mount path already exists.")],
      [
        ["storage:mount", "shop", "/srv/other:/mount/"],
        refused("Container path /mount/ is already mounted from /tmp/mount"),
      ],
      [
        ["storage:mount", "shop", "./data:/data"],
        refused("Host path must be absolute or a docker volume name: ./data"),
      ],
      [
        ["storage:mount", "shop", "data/x:/data"],
        refused("Host path must be absolute or a docker volume name: data/x"),
      ],
      [["storage:mount", "shop", "/srv/../etc:/data"], refused("Storage paths must not contain '..': /srv/../etc")],
      [["storage:mount", "shop", "/srv:/app/../etc"], refused("Storage paths must not contain '..': /app/../etc")],
      [["storage:mount", "shop", "/srv:data"], refused("Storage path must be two valid paths divided by colon.")],
      [["storage:mount", "shop", "/srv"], refused("Storage path must be two valid paths divided by colon.")],
      [["storage:mount", "shop", "/srv:/"], refused("Container path must not be the container's root (/)")],
      [
        ["storage:mount", "shop", "/srv:/data:rx"],
        refused(
          "Unsupported mount option 'rx', supported: ro, rw, z, Z, shared, rshared, slave, rslave, private, rprivate, nocopy, consistent, cached, delegated",
        ),
      ],
      [
        ["storage:mount", "shop", `${home(roots)}/shop/uploads:/data`],
        refused(`Host path must not be inside DOKKU_ROOT (${home(roots)}): ${home(roots)}/shop/uploads`),
      ],
      [
        ["storage:mount", "shop", `${sneaky}:/data`],
        refused(`Host path must not be inside DOKKU_ROOT (${home(roots)}): ${join(home(roots), "shop")}`),
      ],
      [
        ["storage:mount", "shop", "v:/data"],
        refused(
          "Volume name must be two characters or more. Volume name must not contain invalid characters. Storage path must be two valid paths divided by colon.",
        ),
      ],
      [
        ["storage:mount", "shop"],
        refused("Please specify a storage entry or a mount path, as host-path:container-path"),
      ],
      [["storage:mount", "ghost", "/srv:/data"], refused("App ghost does not exist", 20)],
      [
        ["storage:mount", "Bad_App", "/srv:/data"],
        refused(
          "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens",
        ),
      ],
      [["storage:mount"], refused("Please specify an app to run the command on")],
      [["storage:unmount", "shop", "/tmp/other:/mount"], refused("Mount path does not exist.")],
      [["storage:unmount", "shop", "/tmp/mount:/elsewhere"], refused("Mount path does not exist.")],
      [
        ["storage:unmount", "shop", "relative/x:/mount"],
        refused("Host path must be absolute or a docker volume name: relative/x"),
      ],
      [["storage:unmount", "ghost", "/tmp/mount:/mount"], refused("App ghost does not exist", 20)],
      [["storage:list", "shop", "--format", "yaml"], refused("Invalid --format value specified")],
      [["storage:list", "ghost"], refused("App ghost does not exist", 20)],
    ];
    const results = [];
    for (const [args] of cases) results.push(await dokku(roots, ...args));
    expect({ results, after: snapshotTree(lib(roots)) }).toEqual({
      results: cases.map(([, expected]) => expected),
      after: before,
    });
  });
});

describe("storage:report", () => {
  test("reports Dokku's keys for one app, as text, json and one flag", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "storage:mount", "shop", "/tmp/mount:/mount:ro");
    const text = await dokku(roots, "storage:report", "shop");
    const json = JSON.parse((await dokku(roots, "storage:report", "shop", "--format", "json")).stdout);
    const flag = await dokku(roots, "storage:report", "shop", "--storage-deploy-mounts");
    const attachment = await dokku(roots, "storage:report", "shop", "--storage-attachment.1.readonly");
    expect({ text, json, flag, attachment }).toEqual({
      text: ok(
        [
          "=====> shop storage information",
          "       Storage attachment 1 container path: /mount",
          `       Storage attachment 1 entry name:     ${TMP_MOUNT}`,
          "       Storage attachment 1 host path:      /tmp/mount",
          "       Storage attachment 1 phases:         deploy,run",
          "       Storage attachment 1 process type:   _default_",
          "       Storage attachment 1 readonly:       true",
          "       Storage attachment 1 subpath:        ",
          "       Storage attachment 1 volume chown:   ",
          "       Storage attachment 1 volume options: ",
          "       Storage build mounts:                ",
          "       Storage deploy mounts:               -v /tmp/mount:/mount:ro",
          "       Storage run mounts:                  -v /tmp/mount:/mount:ro",
          "",
        ].join("\n"),
      ),
      json: {
        "attachment.1.container-path": "/mount",
        "attachment.1.entry-name": TMP_MOUNT,
        "attachment.1.host-path": "/tmp/mount",
        "attachment.1.phases": "deploy,run",
        "attachment.1.process-type": "_default_",
        "attachment.1.readonly": "true",
        "attachment.1.subpath": "",
        "attachment.1.volume-chown": "",
        "attachment.1.volume-options": "",
        "build-mounts": "",
        "deploy-mounts": "-v /tmp/mount:/mount:ro",
        "run-mounts": "-v /tmp/mount:/mount:ro",
        "storage-attachment.1.container-path": "/mount",
        "storage-attachment.1.entry-name": TMP_MOUNT,
        "storage-attachment.1.host-path": "/tmp/mount",
        "storage-attachment.1.phases": "deploy,run",
        "storage-attachment.1.process-type": "_default_",
        "storage-attachment.1.readonly": "true",
        "storage-attachment.1.subpath": "",
        "storage-attachment.1.volume-chown": "",
        "storage-attachment.1.volume-options": "",
        "storage-build-mounts": "",
        "storage-deploy-mounts": "-v /tmp/mount:/mount:ro",
        "storage-run-mounts": "-v /tmp/mount:/mount:ro",
      },
      flag: ok("-v /tmp/mount:/mount:ro\n"),
      attachment: ok("true\n"),
    });
  });

  test("reports every app, and the global inventory of entries with the apps mounting them", async () => {
    using roots = tempRoots();
    const empty = await dokku(roots, "storage:report", "--global");
    await withApp(roots, "alpha");
    await withApp(roots, "beta");
    await dokku(roots, "storage:mount", "alpha", "/tmp/mount:/mount");
    await dokku(roots, "storage:mount", "beta", "/tmp/mount:/data");
    await dokku(roots, "storage:mount", "beta", "vol1:/v");
    const all = await dokku(roots, "storage:report", "--storage-deploy-mounts");
    const global = await dokku(roots, "storage:report", "--global");
    const json = JSON.parse((await dokku(roots, "storage:report", "--global", "--format", "json")).stdout);
    expect({ empty, all, global, json }).toEqual({
      empty: ok("-----> No storage entries registered\n"),
      // sorted by entry name, as Dokku: legacy-3900… (vol1) before legacy-fcb0… (/tmp/mount)
      all: ok("-v /tmp/mount:/mount\n-v vol1:/v -v /tmp/mount:/data\n"),
      global: ok(
        `-----> Storage report (global):\n       ${VOL1}\tdocker-local\tmounted by: beta\n       ${TMP_MOUNT}\tdocker-local\tmounted by: alpha, beta\n`,
      ),
      json: [
        {
          entry: { name: VOL1, scheduler: "docker-local", host_path: "vol1", schema_version: 1 },
          mounted_by: ["beta"],
        },
        {
          entry: { name: TMP_MOUNT, scheduler: "docker-local", host_path: "/tmp/mount", schema_version: 1 },
          mounted_by: ["alpha", "beta"],
        },
      ],
    });
  });

  test("refuses an unknown flag, a missing app and a bad format", async () => {
    using roots = tempRoots();
    await withApp(roots);
    const results = [
      await dokku(roots, "storage:report", "shop", "--storage-nope"),
      await dokku(roots, "storage:report", "ghost"),
      await dokku(roots, "storage:report", "shop", "--format", "yaml"),
    ];
    expect(results).toEqual([
      refused(
        "Invalid flag passed, valid flags: --storage-build-mounts, --storage-deploy-mounts, --storage-run-mounts",
      ),
      refused("App ghost does not exist", 20),
      refused("Invalid --format value specified: yaml. Valid values: stdout, json"),
    ]);
  });
});

describe("storage with a missing entry", () => {
  test("list refuses and report skips the attachment with a warning, rather than losing the mount silently", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "storage:mount", "shop", "/tmp/mount:/mount");
    rmSync(join(lib(roots), "data/storage-registry/entries", `${TMP_MOUNT}.json`));
    const list = await dokku(roots, "storage:list", "shop");
    const report = await dokku(roots, "storage:report", "shop", "--storage-deploy-mounts");
    expect({ list, report }).toEqual({
      list: refused(`attachment on "shop" references missing entry "${TMP_MOUNT}"`),
      report: {
        stdout: "\n",
        stderr: ` !     Skipping attachment on "shop": missing entry "${TMP_MOUNT}"\n`,
        exitCode: 0,
      },
    });
  });
});

describe("storage across apps:rename, apps:clone and apps:destroy", () => {
  test("rename keeps the mounts, clone copies them, destroy drops them and never the data", async () => {
    using roots = tempRoots();
    await withApp(roots, "old-app");
    await dokku(roots, "storage:ensure-directory", "old-app", "--chown", "false");
    const data = join(lib(roots), "data/storage/old-app");
    writeFileSync(join(data, "keep.txt"), "precious");
    await dokku(roots, "storage:mount", "old-app", `${data}:/app/storage`);
    const renamed = await dokku(roots, "apps:rename", "--skip-deploy", "old-app", "new-app");
    const cloned = await dokku(roots, "apps:clone", "--skip-deploy", "new-app", "copy-app");
    const lists = [
      await dokku(roots, "--quiet", "storage:list", "new-app"),
      await dokku(roots, "--quiet", "storage:list", "copy-app"),
    ];
    const destroyed = await dokku(roots, "--force", "apps:destroy", "new-app");
    const remaining = await dokku(roots, "--quiet", "storage:list", "copy-app");
    expect({
      renamed: renamed.exitCode,
      cloned: cloned.exitCode,
      lists,
      destroyed: destroyed.exitCode,
      oldState: existsSync(join(lib(roots), "config/storage/old-app")),
      newState: existsSync(join(lib(roots), "config/storage/new-app")),
      remaining,
      kept: read(join(data, "keep.txt")),
      entries: existsSync(join(lib(roots), "data/storage-registry/entries")),
    }).toEqual({
      renamed: 0,
      cloned: 0,
      lists: [ok(`${data}:/app/storage\n`), ok(`${data}:/app/storage\n`)],
      destroyed: 0,
      oldState: false,
      newState: false,
      remaining: ok(`${data}:/app/storage\n`),
      kept: "precious",
      entries: true,
    });
  });

  test("dokku report carries the storage section", async () => {
    using roots = tempRoots();
    await withApp(roots);
    await dokku(roots, "storage:mount", "shop", "/tmp/mount:/mount");
    const report = await dokku(roots, "report", "shop");
    expect(report.stdout).toContain(
      "=====> shop storage information\n       Storage attachment 1 container path: /mount\n",
    );
  });
});
