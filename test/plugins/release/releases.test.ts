import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, statSync } from "node:fs";
import { dockerfileBuilder } from "../../../src/plugins/builder-dockerfile/builder";
import type { BuiltImage, DeploySource } from "../../../src/plugins/deploy/contracts";
import {
  createRelease,
  currentRelease,
  commitRelease,
  nextReleaseId,
  runPostdeploy,
  runReleaseCommand,
} from "../../../src/plugins/release/releases";
import { releasesDir } from "../../../src/plugins/release/release-store";
import { nullBuilder } from "../../../src/plugins/builder-null/builder";
import { dokkuErrorOfAsync, runProgram } from "../../harness";
import { appFixture, BASE_IMAGE, haveDocker, removeAppImages, writeTree } from "../builder/fixtures";

const used: string[] = [];
afterAll(async () => {
  for (const app of used) await removeAppImages(app);
});

const docker = (...args: string[]) => runProgram(["docker", ...args]);

async function built(
  fx: ReturnType<typeof appFixture>,
  files: Record<string, string>,
): Promise<{ image: BuiltImage; source: DeploySource }> {
  used.push(fx.app);
  writeTree(fx.source, {
    Dockerfile: `FROM ${BASE_IMAGE}\nWORKDIR /app\nCOPY . /app\nCMD ["cat", "/app/state"]\n`,
    state: "built\n",
    ...files,
  });
  const source: DeploySource = { kind: "tree", dir: fx.source, origin: "git", rev: "0123abc" };
  return { image: await dockerfileBuilder.build(fx.ctx, fx.app, source, "v1"), source };
}

describe("release ids", () => {
  test("count up from 1 per app and follow the live release", () => {
    using fx = appFixture("ids");
    expect(nextReleaseId(fx.ctx, fx.app)).toBe(1);
    commitRelease(fx.ctx, fx.app, { id: 4 });
    expect(nextReleaseId(fx.ctx, fx.app)).toBe(5);
  });
});

describe.skipIf(!haveDocker)("createRelease", () => {
  test("reads the Procfile and app.json, commits predeploy's changes and keeps the image's CMD", async () => {
    using fx = appFixture("predeploy");
    const app = JSON.stringify({
      scripts: { dokku: { predeploy: 'echo "migrated $DB" > /app/state; echo predeploy says hi' } },
    });
    const { image, source } = await built(fx, {
      Procfile: "web: cat /app/state\nrelease: echo releasing\n",
      "app.json": app,
    });
    fx.ctx.store.setScopeFile(fx.app, "ENV", "export DB='primary'\n");
    fx.sink.out = "";
    const release = await createRelease(fx.ctx, fx.app, 1, image, source);
    expect(release).toEqual({
      id: 1,
      app: fx.app,
      image: `dokku/${fx.app}:v1`,
      builder: "dockerfile",
      source: "git",
      gitRev: "0123abc",
      createdAt: "2024-01-02T03:04:05.000Z",
      processes: { release: "echo releasing", web: "cat /app/state" },
      appJson: { scripts: { dokku: { predeploy: 'echo "migrated $DB" > /app/state; echo predeploy says hi' } } },
      imageId: (await docker("image", "inspect", "--format", "{{.Id}}", release.image)).stdout.trim(),
      description: "git push 0123abc",
      user: fx.ctx.user,
      status: "pending",
    });
    expect(fx.sink.out).toBe(
      [
        `-----> Releasing ${fx.app}...`,
        "-----> Checking for predeploy task",
        '       Executing predeploy task from app.json: echo "migrated $DB" > /app/state; echo predeploy says hi',
        `=====> Start of ${fx.app} predeploy task output`,
        "       predeploy says hi",
        `=====> End of ${fx.app} predeploy task output`,
        "",
      ].join("\n"),
    );
    expect((await docker("run", "--rm", release.image)).stdout).toBe("migrated primary\n");
    const record = `${releasesDir(fx.ctx, fx.app)}/1.json`;
    expect((statSync(record).mode & 0o777).toString(8)).toBe("600");
  });

  test("skips predeploy when there is none and a failing predeploy stops the release", async () => {
    using fx = appFixture("predeploy-fail");
    const { image, source } = await built(fx, {
      "app.json": '{"scripts":{"dokku":{"predeploy":"echo broken >&2; exit 4"}}}',
    });
    expect(await dokkuErrorOfAsync(() => createRelease(fx.ctx, fx.app, 1, image, source))).toBe(
      "Execution of predeploy task failed: echo broken >&2; exit 4 (exit code 4)",
    );
    expect(fx.sink.out).toContain("       broken\n");
    expect(existsSync(`${releasesDir(fx.ctx, fx.app)}/1.json`)).toBe(false);
    expect((await docker("run", "--rm", image.image)).stdout).toBe("built\n");
  });

  test("refuses a malformed Procfile or app.json before running anything", async () => {
    using fx = appFixture("bad-files");
    const { image, source } = await built(fx, { Procfile: "web: ok\nnot a line\n" });
    expect(await dokkuErrorOfAsync(() => createRelease(fx.ctx, fx.app, 1, image, source))).toBe(
      "Invalid Procfile: invalid line in procfile, line 2",
    );
    writeTree(fx.source, { Procfile: "web: ok\n", "app.json": '{"scripts":{"dokku":{"postdeploy":true}}}' });
    expect(await dokkuErrorOfAsync(() => createRelease(fx.ctx, fx.app, 1, image, source))).toBe(
      "app.json: scripts.dokku.postdeploy must be a string",
    );
    expect(existsSync(releasesDir(fx.ctx, fx.app))).toBe(false);
  });

  test("reads the Procfile from an image source's WORKDIR", async () => {
    using fx = appFixture("image-files");
    const { image: first } = await built(fx, {
      Procfile: "web: cat /app/state\n",
      "app.json": '{"formation":{"web":{"quantity":2}}}',
    });
    const source: DeploySource = { kind: "image", image: first.image, origin: "image" };
    const image = await nullBuilder.build(fx.ctx, fx.app, source, "v2");
    const release = await createRelease(fx.ctx, fx.app, 2, image, source);
    expect([release.processes, release.appJson, release.source]).toEqual([
      { web: "cat /app/state" },
      { formation: { web: { quantity: 2 } } },
      "image",
    ]);
  });
});

describe.skipIf(!haveDocker)("release and postdeploy tasks", () => {
  test("runs the Procfile's release process with the app's config, then postdeploy, and marks the release live", async () => {
    using fx = appFixture("tasks");
    const { image, source } = await built(fx, {
      Procfile: "web: cat /app/state\nrelease: echo release sees $DB\n",
      "app.json": '{"scripts":{"dokku":{"postdeploy":"echo after"}}}',
    });
    fx.ctx.store.setScopeFile(fx.app, "ENV", "export DB='primary'\n");
    const release = await createRelease(fx.ctx, fx.app, 1, image, source);
    fx.sink.out = "";
    await runReleaseCommand(fx.ctx, fx.app, release);
    commitRelease(fx.ctx, fx.app, release);
    await runPostdeploy(fx.ctx, fx.app, release);
    expect(fx.sink.out).toBe(
      [
        "-----> Checking for release task",
        "       Executing release task from Procfile in ephemeral container: echo release sees $DB",
        `=====> Start of ${fx.app} release task output`,
        "       release sees primary",
        `=====> End of ${fx.app} release task output`,
        "-----> Checking for postdeploy task",
        "       Executing postdeploy task from app.json in ephemeral container: echo after",
        `=====> Start of ${fx.app} postdeploy task output`,
        "       after",
        `=====> End of ${fx.app} postdeploy task output`,
        "",
      ].join("\n"),
    );
    expect(currentRelease(fx.ctx, fx.app)?.id).toBe(1);
    expect(nextReleaseId(fx.ctx, fx.app)).toBe(2);
  });

  test("a failing release command throws with its exit code; postdeploy failures throw too", async () => {
    using fx = appFixture("tasks-fail");
    const { image, source } = await built(fx, {
      Procfile: "web: x\nrelease: exit 9\n",
      "app.json": '{"scripts":{"dokku":{"postdeploy":"exit 2"}}}',
    });
    const release = await createRelease(fx.ctx, fx.app, 1, image, source);
    expect(await dokkuErrorOfAsync(() => runReleaseCommand(fx.ctx, fx.app, release))).toBe(
      "Release command failed with exit code 9: exit 9",
    );
    expect(await dokkuErrorOfAsync(() => runPostdeploy(fx.ctx, fx.app, release))).toBe(
      "Execution of postdeploy task failed: exit 2 (exit code 2)",
    );
  });

  test("says there is nothing to run when there is no release process or postdeploy", async () => {
    using fx = appFixture("tasks-none");
    const { image, source } = await built(fx, {});
    const release = await createRelease(fx.ctx, fx.app, 1, image, source);
    fx.sink.out = "";
    await runReleaseCommand(fx.ctx, fx.app, release);
    await runPostdeploy(fx.ctx, fx.app, release);
    expect(fx.sink.out).toBe(
      "-----> Checking for release task\n       No release task found, skipping\n-----> Checking for postdeploy task\n       No postdeploy task found, skipping\n",
    );
  });
});
