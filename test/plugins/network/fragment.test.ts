import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { ContainerInspectInfo } from "dockerode";
import { applyFragments } from "../../../src/builders/container-fragment";
import { deployContainerSpec } from "../../../src/builders/container-spec";
import { containerUpstream } from "../../../src/builders/nginx-upstreams";
import type { DockerClient } from "../../../src/executors/docker/client";
import { execInContainer } from "../../../src/executors/docker/containers";
import { attachPostCreate, attachPostDeploy, networkFragment } from "../../../src/plugins/network/fragment";
import { runDokku, tempRoots } from "../../harness";
import { testContext } from "../apps/context";
import { buildTestImage, docker, haveDocker, removeAppLeftovers } from "../scheduler-docker-local/fixture";

const web = `nwweb-${process.pid}`;
const worker = `nwwork-${process.pid}`;
const shared = `nwshared-${process.pid}`;
const metrics = `nwmetrics-${process.pid}`;

/** A deploy container of `app` made from the spec and the network plugin's fragment, as the scheduler makes it. */
async function createDeployContainer(
  client: DockerClient,
  ctx: ReturnType<typeof testContext>["ctx"],
  app: string,
  processType: string,
  image: string,
  command?: string[],
  index = 1,
): Promise<string> {
  const spec = deployContainerSpec({
    app,
    processType,
    index,
    releaseId: 1,
    deployId: "1-test",
    image,
    name: `${app}.${processType}.${index}`,
    env: new Map(),
    port: processType === "web" ? "5000" : undefined,
    command,
    restartPolicy: "no",
    init: false,
  });
  const container = await client.createContainer(
    applyFragments(spec, [await networkFragment(ctx, app, processType, "deploy")]),
  );
  return container.id;
}

async function shell(client: DockerClient, id: string, script: string): Promise<{ exitCode: number; stdout: string }> {
  let stdout = "";
  const exitCode = await execInContainer(client, id, ["sh", "-c", script], false, {
    stdout: (text) => (stdout += text),
    stderr: () => undefined,
  });
  return { exitCode, stdout };
}

/** busybox's wget crashes resolving names and with -T (static glibc): resolve with its nslookup, then fetch by address, a few attempts while httpd starts. */
const fetchByAlias = (alias: string) =>
  `for i in 1 2 3 4 5; do ip=$(nslookup ${alias} | sed -n 's/^Address: //p' | tail -n1); [ -n "$ip" ] && wget -qO- http://$ip:5000/ && exit 0; sleep 1; done; exit 1`;

describe.skipIf(!haveDocker)("networkFragment, attachPostCreate and attachPostDeploy in real containers", () => {
  const roots = tempRoots();
  const env = roots.env;
  const { ctx } = testContext(env);
  let client: DockerClient;
  let webId: string;
  let workerId: string;
  let webInfo: ContainerInspectInfo;
  let workerInfo: ContainerInspectInfo;

  beforeAll(async () => {
    client = await docker();
    const image = await buildTestImage(client, web);
    for (const args of [
      ["apps:create", web],
      ["apps:create", worker],
      ["network:create", shared],
      ["network:create", metrics],
      ["network:set", web, "initial-network", shared],
      ["network:set", web, "attach-post-deploy", metrics],
      ["network:set", worker, "attach-post-create", shared],
    ]) {
      const result = await runDokku(args, { env });
      if (result.exitCode !== 0) throw new Error(`${args.join(" ")}: ${result.stderr}`);
    }
    webId = await createDeployContainer(client, ctx, web, "web", image);
    await client.getContainer(webId).start();
    workerId = await createDeployContainer(client, ctx, worker, "worker", "dokku-test/busybox:latest", [
      "sleep",
      "300",
    ]);
    await attachPostCreate(ctx, worker, "worker", workerId);
    await client.getContainer(workerId).start();
    webInfo = await client.getContainer(webId).inspect();
    workerInfo = await client.getContainer(workerId).inspect();
  });

  afterAll(async () => {
    await removeAppLeftovers(client, web);
    await removeAppLeftovers(client, worker);
    for (const name of [shared, metrics])
      await client
        .getNetwork(name)
        .remove()
        .catch(() => undefined);
    roots[Symbol.dispose]();
  });

  test("creates the web container on its initial network only, with the app alias, and the proxy reaches it there", () => {
    const endpoint = webInfo.NetworkSettings.Networks[shared];
    expect({
      mode: webInfo.HostConfig.NetworkMode,
      networks: Object.keys(webInfo.NetworkSettings.Networks),
      aliases: endpoint?.Aliases?.includes(`${web}.web`),
      upstream: containerUpstream(webInfo)?.address,
    }).toEqual({ mode: shared, networks: [shared], aliases: true, upstream: endpoint?.IPAddress as string });
  });

  test("attaches the worker after create to the shared network, with app.proc and hostname.app.proc aliases, keeping the bridge", () => {
    const hostname = workerInfo.Config.Hostname;
    const aliases = workerInfo.NetworkSettings.Networks[shared]?.Aliases ?? [];
    expect({
      networks: Object.keys(workerInfo.NetworkSettings.Networks).sort(),
      aliases: [`${worker}.worker`, `${hostname}.${worker}.worker`].every((alias) => aliases.includes(alias)),
    }).toEqual({ networks: [shared, "bridge"].sort(), aliases: true });
  });

  test("lets the worker reach the web app by its alias on the shared network", async () => {
    expect(await shell(client, workerId, fetchByAlias(`${web}.web`))).toEqual({ exitCode: 0, stdout: "hello\n" });
  });

  test("lets the web app resolve the worker by its alias", async () => {
    const result = await shell(client, webId, `nslookup ${worker}.worker | sed -n 's/^Address: //p' | tail -n1`);
    expect(result).toEqual({ exitCode: 0, stdout: `${workerInfo.NetworkSettings.Networks[shared]?.IPAddress}\n` });
  });

  test("attaches the running web container to its attach-post-deploy network with the alias, once", async () => {
    await attachPostDeploy(ctx, web, "web", webId);
    await attachPostDeploy(ctx, web, "web", webId);
    const info = await client.getContainer(webId).inspect();
    expect({
      networks: Object.keys(info.NetworkSettings.Networks).sort(),
      alias: info.NetworkSettings.Networks[metrics]?.Aliases?.includes(`${web}.web`),
      upstream: containerUpstream(info)?.address,
    }).toEqual({
      networks: [metrics, shared].sort(),
      alias: true,
      upstream: info.NetworkSettings.Networks[shared]?.IPAddress as string,
    });
  });

  test("publishes the web port on a random host port with bind-all-interfaces", async () => {
    await runDokku(["network:set", web, "bind-all-interfaces", "true"], { env });
    const id = await createDeployContainer(client, ctx, web, "web", "dokku-test/busybox:latest", ["sleep", "300"], 2);
    await client.getContainer(id).start();
    const info = await client.getContainer(id).inspect();
    await client.getContainer(id).remove({ force: true });
    const bindings = info.NetworkSettings.Ports["5000/tcp"] ?? [];
    expect({
      published: bindings.length > 0 && bindings.every((binding) => Number(binding.HostPort) > 0),
      all: bindings.some((binding) => binding.HostIp === "0.0.0.0"),
    }).toEqual({
      published: true,
      all: true,
    });
  });

  test("refuses to destroy the shared network while apps name it and while containers are attached, then destroys it", async () => {
    const named = await runDokku(["network:destroy", shared, "--force"], { env });
    await runDokku(["network:set", web, "initial-network"], { env });
    await runDokku(["network:set", worker, "attach-post-create"], { env });
    const attached = await runDokku(["network:destroy", shared, "--force"], { env });
    const stillThere = await runDokku(["network:exists", shared], { env });
    await removeAppLeftovers(client, worker);
    await client.getContainer(webId).remove({ force: true });
    const destroyed = await runDokku(["network:destroy", shared, "--force"], { env });
    const gone = await runDokku(["network:exists", shared], { env });
    expect({ named, attached, stillThere, destroyed, gone }).toEqual({
      named: {
        stdout: "",
        stderr: ` !     Unable to destroy network: ${shared} is used by app ${web} (initial-network), app ${worker} (attach-post-create)\n`,
        exitCode: 1,
      },
      attached: {
        stdout: "",
        stderr: ` !     Unable to destroy network: ${shared} has containers attached: ${[`${web}.web.1`, `${worker}.worker.1`].sort().join(", ")}\n`,
        exitCode: 1,
      },
      stillThere: { stdout: "-----> Network exists\n", stderr: "", exitCode: 0 },
      destroyed: { stdout: `-----> Destroying network ${shared}\n`, stderr: "", exitCode: 0 },
      gone: { stdout: "", stderr: " !     Network does not exist\n", exitCode: 1 },
    });
  });
});
