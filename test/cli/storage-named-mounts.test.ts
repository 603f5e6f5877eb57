import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { snapshotTree } from "../plugins/apps/tree";

type Roots = ReturnType<typeof tempRoots>;
const dokku = (roots: Roots, ...args: string[]) => runDokku(args, { env: roots.env });
const lib = (roots: Roots) => roots.env.DOKKU_LIB_ROOT as string;
const storage = (roots: Roots, name: string) => join(lib(roots), "data/storage", name);
const refused = (message: string, exitCode = 1) => ({ stdout: "", stderr: ` !     ${message}\n`, exitCode });
const listJson = async (roots: Roots) =>
  JSON.parse((await dokku(roots, "storage:list", "shop", "--format", "json")).stdout);
const reportJson = async (roots: Roots) =>
  JSON.parse((await dokku(roots, "storage:report", "shop", "--format", "json")).stdout) as Record<string, string>;

async function setup(roots: Roots, ...entries: string[]): Promise<void> {
  for (const args of [["apps:create", "shop"], ...entries.map((name) => ["storage:create", name])]) {
    const result = await dokku(roots, ...args);
    if (result.exitCode !== 0) throw new Error(result.stderr);
  }
}

describe("storage:mount <app> <entry> --container-dir", () => {
  test("attaches several entries, lists and reports them, unmounts by entry (issue 14)", async () => {
    using roots = tempRoots();
    await setup(roots, "data", "cache");
    const mounted = await dokku(roots, "storage:mount", "shop", "data", "--container-dir", "/data");
    await dokku(
      roots,
      "storage:mount",
      "shop",
      "cache",
      "--container-dir",
      "/cache",
      "--volume-readonly",
      "--volume-options",
      "Z",
    );
    const list = await listJson(roots);
    const report = await reportJson(roots);
    const one = await dokku(roots, "storage:report", "shop", "--storage-attachment.2.volume-options");
    const unmounted = [
      await dokku(roots, "storage:unmount", "shop", "data"),
      await dokku(roots, "storage:unmount", "shop", "cache", "--container-dir", "/cache"),
    ];
    expect({
      mounted,
      list,
      deploy: report["storage-deploy-mounts"],
      run: report["run-mounts"],
      first: [
        report["attachment.1.entry-name"],
        report["storage-attachment.1.host-path"],
        report["attachment.1.phases"],
      ],
      one: one.stdout,
      unmounted: unmounted.map((result) => result.exitCode),
      after: await listJson(roots),
    }).toEqual({
      mounted: { stdout: "-----> Storage entry data mounted at /data on shop\n", stderr: "", exitCode: 0 },
      list: [
        {
          entry_name: "cache",
          host_path: storage(roots, "cache"),
          container_path: "/cache",
          readonly: true,
          volume_options: "Z",
        },
        { entry_name: "data", host_path: storage(roots, "data"), container_path: "/data" },
      ],
      deploy: `-v ${storage(roots, "cache")}:/cache:ro,Z -v ${storage(roots, "data")}:/data`,
      run: `-v ${storage(roots, "cache")}:/cache:ro,Z -v ${storage(roots, "data")}:/data`,
      first: ["data", storage(roots, "data"), "deploy,run"],
      one: "Z\n",
      unmounted: [0, 0],
      after: [],
    });
  });

  test("mounting the same entry at the same path again rewrites it in place; another path is another mount", async () => {
    using roots = tempRoots();
    await setup(roots, "up");
    await dokku(roots, "storage:mount", "shop", "up", "--container-dir", "/data", "--volume-options", "Z");
    const updated = await dokku(
      roots,
      "storage:mount",
      "shop",
      "up",
      "--container-dir",
      "/data",
      "--volume-options",
      "nocopy",
      "--volume-readonly",
    );
    const afterUpdate = await listJson(roots);
    await dokku(
      roots,
      "storage:mount",
      "shop",
      "up",
      "--container-dir",
      "/data",
      "--phase",
      "run",
      "--volume-subpath",
      "uploads",
    );
    const report = await reportJson(roots);
    await dokku(roots, "storage:mount", "shop", "up", "--container-dir", "/other");
    expect({
      updated: updated.stdout,
      afterUpdate,
      report: [
        report["attachment.1.phases"],
        report["attachment.1.subpath"],
        report["attachment.1.readonly"],
        report["deploy-mounts"],
      ],
      runMounts: report["run-mounts"],
      count: (await listJson(roots)).length,
      ambiguous: await dokku(roots, "storage:unmount", "shop", "up"),
    }).toEqual({
      updated: "-----> Storage entry up mount at /data on shop updated\n",
      afterUpdate: [
        {
          entry_name: "up",
          host_path: storage(roots, "up"),
          container_path: "/data",
          readonly: true,
          volume_options: "nocopy",
        },
      ],
      report: ["run", "uploads", "false", ""],
      runMounts: `-v ${storage(roots, "up")}:/data`,
      count: 1,
      ambiguous: refused(
        'storage entry "up" is mounted at multiple paths on app "shop" (/data, /other); pass --container-dir to disambiguate',
      ),
    });
  });

  test("refuses bad mounts with one line and writes nothing", async () => {
    using roots = tempRoots();
    await setup(roots, "data", "other");
    await dokku(roots, "storage:create", "vol", "vol_name");
    await dokku(roots, "storage:mount", "shop", "data", "--container-dir", "/data");
    const before = snapshotTree(lib(roots));
    const cases: [string[], ReturnType<typeof refused>][] = [
      [
        ["storage:mount", "shop", "ghost", "--container-dir", "/x"],
        refused('storage entry "ghost" does not exist; create it first with `dokku storage:create`'),
      ],
      [["storage:mount", "shop", "other"], refused("--container-dir is required when mounting a named storage entry")],
      [
        ["storage:mount", "shop", "other", "--container-dir", "/data"],
        refused(`Container path /data is already mounted from ${storage(roots, "data")}`),
      ],
      [
        ["storage:mount", "shop", "other", "--container-dir", "rel"],
        refused('attachment container path "rel" must be absolute'),
      ],
      [
        ["storage:mount", "shop", "other", "--container-dir", "/"],
        refused("Container path must not be the container's root (/)"),
      ],
      [
        ["storage:mount", "shop", "other", "--container-dir", "/x", "--phase", "build"],
        refused('attachment phase "build" is not supported (must be "deploy" or "run")'),
      ],
      [
        ["storage:mount", "shop", "other", "--container-dir", "/x", "--volume-subpath", "../x"],
        refused("--volume-subpath must be a relative path inside the entry, without '.' or '..': ../x"),
      ],
      [
        ["storage:mount", "shop", "vol", "--container-dir", "/x", "--volume-subpath", "x"],
        refused("--volume-subpath needs an entry with a host directory; vol is a docker volume"),
      ],
      [
        ["storage:mount", "shop", "other", "--container-dir", "/x", "--volume-options", "rx"],
        refused(
          "Unsupported mount option 'rx', supported: ro, rw, z, Z, shared, rshared, slave, rslave, private, rprivate, nocopy, consistent, cached, delegated, noexec, nosuid, nodev, exec, suid, dev",
        ),
      ],
      [["storage:mount", "shop", "other", "--container-dir", "/x", "--bogus"], refused("unknown flag: --bogus")],
      [
        ["storage:mount", "shop", "other", "extra", "--container-dir", "/x"],
        refused("storage:mount takes one entry or mount, got also: extra"),
      ],
      [["storage:mount", "ghost-app", "other", "--container-dir", "/x"], refused("App ghost-app does not exist", 20)],
      [["storage:unmount", "shop", "other"], refused('storage entry "other" is not mounted on app "shop"')],
      [
        ["storage:unmount", "shop", "data", "--container-dir", "/nope"],
        refused('storage entry "data" is not mounted at "/nope" on app "shop"'),
      ],
    ];
    const results = [];
    for (const [args] of cases) results.push(await dokku(roots, ...args));
    expect({ results, after: snapshotTree(lib(roots)) }).toEqual({
      results: cases.map(([, expected]) => expected),
      after: before,
    });
  });

  test("a missing entry is skipped in the report with a warning; its mount is refused at list time", async () => {
    using roots = tempRoots();
    await setup(roots, "gone");
    await dokku(roots, "storage:mount", "shop", "gone", "--container-dir", "/data", "--volume-options", "Z");
    await Bun.$`rm ${join(lib(roots), "data/storage-registry/entries/gone.json")}`.quiet();
    const report = await dokku(roots, "storage:report", "shop", "--format", "json");
    expect({
      keys: Object.keys(JSON.parse(report.stdout)).filter((key) => key.startsWith("attachment.")),
      stderr: report.stderr,
    }).toEqual({ keys: [], stderr: ' !     Skipping attachment on "shop": missing entry "gone"\n' });
  });
});
