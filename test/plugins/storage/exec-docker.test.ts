import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../../harness";
import { haveDocker } from "../scheduler-docker-local/fixture";

type Roots = ReturnType<typeof tempRoots>;
const IMAGE = "dokku-test/busybox:latest";
const dokku = (roots: Roots, ...args: string[]) => runDokku(args, { env: roots.env });
const execIn = (roots: Roots, name: string, ...command: string[]) =>
  dokku(roots, "storage:exec", name, "--image", IMAGE, "--", ...command);
const isRoot = process.getuid?.() === 0;

/** storage:exec's containers still on the engine (there should be none after each command). */
async function leftovers(): Promise<number> {
  const text = await Bun.$`docker ps -aq --filter label=com.dokku.container-type=storage-exec`.text();
  return text.split("\n").filter(Boolean).length;
}

describe.skipIf(!haveDocker)("storage:exec against a real engine", () => {
  test("runs the command with the entry at /data and exits with its exit code (issue 14)", async () => {
    using roots = tempRoots();
    await dokku(roots, "storage:create", "files");
    const touched = await execIn(roots, "files", "sh", "-c", "echo hello > /data/marker && ls /data/marker");
    const failed = await execIn(roots, "files", "sh", "-c", "echo oops >&2; exit 42");
    expect({
      touched,
      failed,
      onHost: readFileSync(join(roots.env.DOKKU_LIB_ROOT as string, "data/storage/files/marker"), "utf8"),
      leftovers: await leftovers(),
    }).toEqual({
      touched: { stdout: "/data/marker\n", stderr: "", exitCode: 0 },
      failed: { stdout: "", stderr: "oops\n", exitCode: 42 },
      onHost: "hello\n",
      leftovers: 0,
    });
  });

  test.if(isRoot)("runs as the entry's chown uid unless --as-user says otherwise", async () => {
    using roots = tempRoots();
    await dokku(roots, "storage:create", "owned", "--chown", "heroku");
    const entryUser = await execIn(roots, "owned", "id", "-u");
    const asUser = await dokku(roots, "storage:exec", "owned", "--image", IMAGE, "--as-user", "4242", "--", "id", "-u");
    expect([entryUser.stdout, asUser.stdout]).toEqual(["1000\n", "4242\n"]);
  });

  test("refuses a missing entry, a missing directory or volume and a bad image, starting nothing", async () => {
    using roots = tempRoots();
    await dokku(roots, "storage:create", "gone");
    await Bun.$`rm -r ${join(roots.env.DOKKU_LIB_ROOT as string, "data/storage/gone")}`.quiet();
    const volume = `dokku-test-absent-${process.pid}`;
    await dokku(roots, "storage:create", "novol", volume);
    const results = [
      await execIn(roots, "ghost", "true"),
      await execIn(roots, "gone", "true"),
      await execIn(roots, "novol", "true"),
      await dokku(roots, "storage:exec", "gone", "--image", "--privileged", "--", "true"),
      await dokku(roots, "storage:exec"),
    ];
    expect({
      results: results.map((result) => [result.stderr, result.exitCode]),
      leftovers: await leftovers(),
    }).toEqual({
      results: [
        [' !     storage entry "ghost" does not exist\n', 1],
        [` !     host path ${join(roots.env.DOKKU_LIB_ROOT as string, "data/storage/gone")} does not exist\n`, 1],
        [` !     docker named volume "${volume}" is not present\n`, 1],
        [' !     Invalid image name: "--privileged"\n', 1],
        [" !     storage:exec requires a storage entry name\n", 1],
      ],
      leftovers: 0,
    });
  });
});
