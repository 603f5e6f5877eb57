import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { DockerClient } from "../../src/executors/docker/client";
import { runDokku, tempRoots } from "../harness";
import {
  appArchive,
  appTags,
  containerState,
  danglingImage,
  deployArchive,
  imageExists,
  oneOff,
} from "../plugins/cleanup/fixture";
import { docker, haveDocker, removeAppLeftovers, setSettleSeconds } from "../plugins/scheduler-docker-local/fixture";

const app = `cleanup-${process.pid}`;
const other = `cleanup-${process.pid}-b`;
const TIMEOUT = 90_000;

/** Each release's version and status, newest first. */
async function releaseStates(env: Record<string, string>): Promise<string[]> {
  const list = JSON.parse((await runDokku(["releases", app, "--format", "json"], { env })).stdout) as {
    version: string;
    status: string;
  }[];
  return list.map((release) => `${release.version} ${release.status}`);
}

/** The output without the build-cache line, whose size depends on what else this docker built. */
function withoutBuildCache(stdout: string): string {
  return stdout
    .split("\n")
    .filter((line) => !line.startsWith("       Reclaimed "))
    .join("\n");
}

describe.skipIf(!haveDocker)("cleanup against real containers and images", () => {
  const roots = tempRoots();
  const env = roots.env;
  let client: DockerClient;
  const made: string[] = [];

  beforeAll(async () => {
    client = await docker();
    await runDokku(["apps:create", app], { env });
    await runDokku(["apps:create", other], { env });
    setSettleSeconds(env.DOKKU_LIB_ROOT as string, 1);
    await runDokku(["releases:set", app, "keep", "2"], { env });
  });

  afterAll(async () => {
    for (const id of made)
      await client
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined);
    await removeAppLeftovers(client, app);
    await removeAppLeftovers(client, other);
    roots[Symbol.dispose]();
  });

  test(
    "a deploy prunes past the kept releases, the app's exited containers and dangling images, never a running one-off",
    async () => {
      expect((await deployArchive(env, app, appArchive("one"))).exitCode).toBe(0);
      expect((await deployArchive(env, app, appArchive("two"))).exitCode).toBe(0);
      const exited = await oneOff(client, app, `${app}.run.1`, ["true"], true);
      const running = await oneOff(client, app, `${app}.run.2`, ["sleep", "300"], false);
      made.push(exited, running);
      const dangling = await danglingImage(client, app, `${process.pid}-one`);

      const third = await deployArchive(env, app, appArchive("three"));
      expect({ exitCode: third.exitCode, stderr: third.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect(third.stdout).toContain("-----> Pruned the images of releases v1 (keeping 2)\n");
      expect({
        tags: await appTags(client, app),
        releases: await releaseStates(env),
        exited: await containerState(client, exited),
        running: await containerState(client, running),
        dangling: await imageExists(client, dangling),
      }).toEqual({
        tags: [`dokku/${app}:v2`, `dokku/${app}:v3`],
        releases: ["v3 current", "v2 deployed", "v1 image pruned"],
        exited: "gone",
        running: "running",
        dangling: false,
      });
    },
    TIMEOUT,
  );

  test(
    "skip-cleanup keeps everything at deploy time until `cleanup <app>`, which keeps what a rollback needs",
    async () => {
      expect((await runDokku(["builder:set", app, "skip-cleanup", "true"], { env })).exitCode).toBe(0);
      const exited = await oneOff(client, app, `${app}.run.3`, ["true"], true);
      made.push(exited);
      const dangling = await danglingImage(client, app, `${process.pid}-two`);
      const fourth = await deployArchive(env, app, appArchive("four"));
      expect({ exitCode: fourth.exitCode, stderr: fourth.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect(fourth.stdout).toContain("-----> Skipping cleanup: skip-cleanup is true\n");
      expect(fourth.stdout).not.toContain("Pruned");
      expect({
        tags: await appTags(client, app),
        exited: await containerState(client, exited),
        dangling: await imageExists(client, dangling),
      }).toEqual({
        tags: [`dokku/${app}:v2`, `dokku/${app}:v3`, `dokku/${app}:v4`],
        exited: "exited",
        dangling: true,
      });

      const result = await runDokku(["cleanup", app], { env });
      expect({ ...result, stdout: withoutBuildCache(result.stdout) }).toEqual({
        stdout: [
          "-----> Cleaning up...",
          "-----> Pruned the images of releases v2 (keeping 2)",
          "       Removed 1 exited container",
          "       Removed 1 dangling image",
          "",
        ].join("\n"),
        stderr: "",
        exitCode: 0,
      });
      expect({
        tags: await appTags(client, app),
        releases: await releaseStates(env),
        exited: await containerState(client, exited),
        dangling: await imageExists(client, dangling),
      }).toEqual({
        tags: [`dokku/${app}:v3`, `dokku/${app}:v4`],
        releases: ["v4 current", "v3 deployed", "v2 image pruned", "v1 image pruned"],
        exited: "gone",
        dangling: false,
      });
      const rollback = await runDokku(["releases:rollback", app, "v3"], { env });
      expect({ exitCode: rollback.exitCode, stderr: rollback.stderr }).toEqual({ exitCode: 0, stderr: "" });
    },
    TIMEOUT,
  );

  test(
    "cleanup leaves the stopped containers of an app stopped with ps:stop, so ps:start runs it again",
    async () => {
      // ps:stop would stop the one-off still running from the first test too (and wait out its stop timeout)
      await Promise.all(
        made.map((id) =>
          client
            .getContainer(id)
            .remove({ force: true })
            .catch(() => undefined),
        ),
      );
      expect((await runDokku(["ps:stop", app], { env })).exitCode).toBe(0);
      const web = (
        await client.listContainers({
          all: true,
          filters: { label: [`com.dokku.app-name=${app}`, "com.dokku.container-type=deploy"] },
        })
      ).filter((info) => !(info.Names[0] ?? "").includes(".retiring-"));
      expect(web.map((info) => info.State)).toEqual(["exited"]);
      const result = await runDokku(["cleanup", app], { env });
      expect({ ...result, stdout: withoutBuildCache(result.stdout) }).toEqual({
        stdout: "-----> Cleaning up...\n",
        stderr: "",
        exitCode: 0,
      });
      expect(await containerState(client, (web[0] as { Id: string }).Id)).toBe("exited");
      expect((await runDokku(["ps:start", app], { env })).exitCode).toBe(0);
    },
    TIMEOUT,
  );

  test(
    "cleanup without an app cleans every app and names the ones it had to skip",
    async () => {
      const exited = await oneOff(client, app, `${app}.run.4`, ["true"], true);
      const otherExited = await oneOff(client, other, `${other}.run.1`, ["true"], true);
      made.push(exited, otherExited);
      await runDokku(["apps:lock", other], { env });
      const result = await runDokku(["cleanup"], { env });
      await runDokku(["apps:unlock", other], { env });
      expect({ ...result, stdout: withoutBuildCache(result.stdout) }).toEqual({
        stdout: "-----> Cleaning up...\n       Removed 1 exited container\n",
        stderr: [
          ` !     ${other} currently has a deploy lock in place. Exiting...`,
          ` !     Skipping ${other}: Run 'apps:unlock' to release the existing deploy lock`,
          "",
        ].join("\n"),
        exitCode: 0,
      });
      expect({ mine: await containerState(client, exited), locked: await containerState(client, otherExited) }).toEqual(
        { mine: "gone", locked: "exited" },
      );
    },
    TIMEOUT,
  );

  test(
    "repo:purge-cache removes the app's build containers, cache volume and dangling images, and nothing it runs",
    async () => {
      await client.createVolume({ Name: `cache-${app}` });
      const build = await client.createContainer({
        Image: "dokku-test/busybox:latest",
        Cmd: ["true"],
        Labels: { "com.dokku.app-name": app, "com.dokku.image-stage": "build" },
      });
      made.push(build.id);
      const dangling = await danglingImage(client, app, `${process.pid}-three`);
      const tags = await appTags(client, app);
      expect(await runDokku(["repo:purge-cache", app], { env })).toEqual({ stdout: "", stderr: "", exitCode: 0 });
      const volume = await client
        .getVolume(`cache-${app}`)
        .inspect()
        .then(
          () => true,
          () => false,
        );
      expect({
        volume,
        build: await containerState(client, build.id),
        dangling: await imageExists(client, dangling),
        tags: await appTags(client, app),
      }).toEqual({
        volume: false,
        build: "gone",
        dangling: false,
        tags,
      });
      const web = await client.listContainers({
        all: true,
        filters: { label: [`com.dokku.app-name=${app}`, "com.dokku.process-type=web"] },
      });
      // the web container inherits com.dokku.image-stage=build from its image: it is no build container
      expect(web.map((info) => info.State)).toEqual(["running"]);
    },
    TIMEOUT,
  );
});
