import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { DockerClient } from "../../src/executors/docker/client";
import { runDokku, tempRoots } from "../harness";
import { appArchive, deployArchive } from "../plugins/cleanup/fixture";
import { docker, haveDocker, removeAppLeftovers, setSettleSeconds } from "../plugins/scheduler-docker-local/fixture";

const running = `restore-${process.pid}`;
const stopped = `restore-${process.pid}-b`;
const TIMEOUT = 90_000;

/** States of the app's web containers, leaving out those waiting to retire. */
async function webStates(client: DockerClient, app: string): Promise<string[]> {
  const infos = await client.listContainers({
    all: true,
    filters: { label: [`com.dokku.app-name=${app}`, "com.dokku.process-type=web"] },
  });
  return infos.filter((info) => !(info.Names[0] ?? "").includes(".retiring-")).map((info) => info.State);
}

describe.skipIf(!haveDocker)("ps:restore after the host's containers stopped (a reboot)", () => {
  const roots = tempRoots();
  const env = roots.env;
  let client: DockerClient;

  beforeAll(async () => {
    client = await docker();
    setSettleSeconds(env.DOKKU_LIB_ROOT as string, 1);
    for (const app of [running, stopped]) {
      await runDokku(["apps:create", app], { env });
      expect((await deployArchive(env, app, appArchive(app))).exitCode).toBe(0);
    }
  }, TIMEOUT);

  afterAll(async () => {
    await removeAppLeftovers(client, running);
    await removeAppLeftovers(client, stopped);
    roots[Symbol.dispose]();
  });

  test(
    "brings back the apps that were running and leaves an app stopped with ps:stop stopped",
    async () => {
      expect((await runDokku(["ps:stop", stopped], { env })).exitCode).toBe(0);
      // what a reboot does: every container of the app stops, without dokku knowing
      const infos = await client.listContainers({ filters: { label: [`com.dokku.app-name=${running}`] } });
      await Promise.all(infos.map((info) => client.getContainer(info.Id).stop({ t: 1 })));
      expect({ running: await webStates(client, running), stopped: await webStates(client, stopped) }).toEqual({
        running: ["exited"],
        stopped: ["exited"],
      });

      const result = await runDokku(["ps:restore"], { env });
      expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({
        exitCode: 0,
        stderr: [
          " !     Restore specified without app, assuming --all",
          " !     Running restore in serial mode",
          " !     App has been detected as not running, releasing",
          ` !     Skipping ps:restore for ${stopped} as restore property is false`,
          "",
        ].join("\n"),
      });
      expect(result.stdout).toStartWith(
        `-----> Running restore against app ${running}\n-----> Starting app\n-----> Deploying web (count=1)\n`,
      );
      expect(result.stdout).toContain(`-----> Running restore against app ${stopped}\n`);
      expect({ running: await webStates(client, running), stopped: await webStates(client, stopped) }).toEqual({
        running: ["running"],
        stopped: ["exited"],
      });

      // a second restore (the unit running again) finds it running and changes nothing
      const again = await runDokku(["ps:restore", running], { env });
      expect({ exitCode: again.exitCode, stderr: again.stderr }).toEqual({
        exitCode: 0,
        stderr: ` !     App ${running} already running\n`,
      });
      expect(await webStates(client, running)).toEqual(["running"]);
    },
    TIMEOUT,
  );
});
