import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { applyFragments } from "../../../src/builders/container-fragment";
import { deployContainerSpec } from "../../../src/builders/container-spec";
import type { DockerClient } from "../../../src/executors/docker/client";
import { addDockerOptions } from "../../../src/plugins/docker-options/commands";
import { dockerOptionsFragment } from "../../../src/plugins/docker-options/fragment";
import { tempDir, tempRoots } from "../../harness";
import { testContext } from "../apps/context";
import { docker, haveDocker, removeAppLeftovers } from "../scheduler-docker-local/fixture";

const app = `dopts-${process.pid}`;

describe.skipIf(!haveDocker)("dockerOptionsFragment in a real container", () => {
  const roots = tempRoots();
  const { ctx } = testContext(roots.env);
  const mount = tempDir("dokku-dopts-mount-");
  let client: DockerClient;

  beforeAll(async () => {
    client = await docker();
    mkdirSync(join(roots.env.DOKKU_ROOT as string, app), { recursive: true });
    writeFileSync(join(mount.path, "hello"), "from the host\n");
    writeFileSync(join(roots.dir, "app.env"), "FROM_FILE=yes\n");
  });

  afterAll(async () => {
    await removeAppLeftovers(client, app);
    mount[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  test("applies --add-host, --label, --ulimit, --shm-size, a read-only -v and an env file to the container", async () => {
    await addDockerOptions(ctx, [
      app,
      "deploy",
      "--add-host db.internal:10.1.2.3",
      "--label team=web",
      "--ulimit nofile=1024:2048",
      "--shm-size 64m",
    ]);
    await addDockerOptions(ctx, [app, "deploy", `-v ${mount.path}:/x:ro`, `--env-file ${join(roots.dir, "app.env")}`]);
    const fragment = await dockerOptionsFragment(ctx, app, "web", "deploy");
    const script =
      "cat /x/hello; grep db.internal /etc/hosts; ulimit -Sn; ulimit -Hn; echo FROM_FILE=$FROM_FILE; touch /x/new 2>/dev/null || echo read-only";
    const spec = applyFragments(
      deployContainerSpec({
        app,
        processType: "web",
        index: 1,
        releaseId: 1,
        deployId: "1-test",
        image: "dokku-test/busybox:latest",
        name: `${app}.web.1`,
        env: new Map(),
        port: undefined,
        command: ["sh", "-c", script],
        restartPolicy: "no",
        init: false,
      }),
      [fragment],
    );
    const container = await client.createContainer({ ...spec, Tty: true });
    await container.start();
    await container.wait();
    const output = (await container.logs({ stdout: true, stderr: true })).toString().replaceAll("\r", "");
    const inspect = await container.inspect();
    expect({
      output: output.split("\n").map((line) => line.trim()),
      label: inspect.Config.Labels.team,
      hosts: inspect.HostConfig.ExtraHosts,
      ulimits: inspect.HostConfig.Ulimits,
      shm: inspect.HostConfig.ShmSize,
      binds: inspect.HostConfig.Binds,
      mounts: inspect.Mounts.map(({ Source, Destination, RW }) => ({ Source, Destination, RW })),
    }).toEqual({
      output: ["from the host", "10.1.2.3\tdb.internal", "1024", "2048", "FROM_FILE=yes", "read-only", ""],
      label: "web",
      hosts: ["db.internal:10.1.2.3"],
      ulimits: [{ Name: "nofile", Soft: 1024, Hard: 2048 }],
      shm: 64 * 1024 * 1024,
      binds: [`${mount.path}:/x:ro`],
      mounts: [{ Source: mount.path, Destination: "/x", RW: false }],
    });
    await container.remove({ force: true });
    expect(existsSync(join(mount.path, "new"))).toBe(false);
  });

  test("makes -v /path an anonymous volume and keeps a $(...) label literal (issue 14)", async () => {
    const other = `${app}-anon`;
    mkdirSync(join(roots.env.DOKKU_ROOT as string, other), { recursive: true });
    await addDockerOptions(ctx, [other, "deploy", "-v /var/tmp", "-v /tmp", "--label=org.example.who=$(id)"]);
    const fragment = await dockerOptionsFragment(ctx, other, "web", "deploy");
    const spec = applyFragments(
      deployContainerSpec({
        app: other,
        processType: "web",
        index: 1,
        releaseId: 1,
        deployId: "1-test",
        image: "dokku-test/busybox:latest",
        name: `${other}.web.1`,
        env: new Map(),
        port: undefined,
        command: ["true"],
        restartPolicy: "no",
        init: false,
      }),
      [fragment],
    );
    const container = await client.createContainer(spec);
    try {
      const inspect = await container.inspect();
      expect({
        volumes: Object.keys(inspect.Config.Volumes ?? {}).sort(),
        label: inspect.Config.Labels["org.example.who"],
        mounts: inspect.Mounts.map(({ Type, Destination }) => ({ Type, Destination })).sort((a, b) =>
          a.Destination.localeCompare(b.Destination),
        ),
      }).toEqual({
        volumes: ["/tmp", "/var/tmp"],
        label: "$(id)",
        mounts: [
          { Type: "volume", Destination: "/tmp" },
          { Type: "volume", Destination: "/var/tmp" },
        ],
      });
    } finally {
      await container.remove({ force: true, v: true });
    }
  });
});
