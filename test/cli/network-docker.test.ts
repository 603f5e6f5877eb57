import { afterAll, describe, expect, test } from "bun:test";
import { dockerConnector } from "../../src/executors/docker/client";
import { runDokku, tempRoots } from "../harness";
import { haveDocker } from "../plugins/scheduler-docker-local/fixture";

const name = `nwcli-${process.pid}`;
const docker = dockerConnector(process.env);

/** The networks Docker has under the test's prefix. */
async function testNetworks(): Promise<string[]> {
  const networks = await (await docker()).listNetworks();
  return networks
    .map((network) => network.Name)
    .filter((network) => network.startsWith(`nwcli-${process.pid}`))
    .sort();
}

describe.skipIf(!haveDocker)("network:create, exists, info, list, destroy", () => {
  afterAll(async () => {
    const client = await docker();
    for (const network of await testNetworks())
      await client
        .getNetwork(network)
        .remove()
        .catch(() => undefined);
  });

  test("creates a labelled attachable bridge network, shows it, and destroys it after confirmation", async () => {
    using roots = tempRoots();
    const env = roots.env;
    const created = await runDokku(["network:create", name], { env });
    const again = await runDokku(["network:create", name], { env });
    const exists = await runDokku(["network:exists", name], { env });
    const info = await runDokku(["network:info", name], { env });
    const json = JSON.parse((await runDokku(["network:info", name, "--format", "json"], { env })).stdout);
    const inspect = await (await docker()).getNetwork(name).inspect();
    const list = await runDokku(["--quiet", "network:list"], { env });
    const managed = JSON.parse(
      (await runDokku(["network:list", "--dokku-managed", "--format", "json"], { env })).stdout,
    ) as { Name: string; DokkuManaged: boolean }[];
    const mismatch = await runDokku(["network:destroy", name], { env, stdin: "other\n" });
    const afterMismatch = await testNetworks();
    const destroyed = await runDokku(["network:destroy", name], { env, stdin: `${name}\n` });
    const missing = await runDokku(["network:exists", name], { env });
    expect({
      created,
      again,
      exists,
      info,
      attachable: inspect.Attachable,
      driver: inspect.Driver,
      mismatch,
      afterMismatch,
      destroyed,
      missing,
    }).toEqual({
      created: { stdout: `-----> Creating network ${name}\n`, stderr: "", exitCode: 0 },
      again: {
        stdout: `-----> Creating network ${name}\n`,
        stderr: ` !     Unable to create network: network with name ${name} already exists\n`,
        exitCode: 1,
      },
      exists: { stdout: "-----> Network exists\n", stderr: "", exitCode: 0 },
      info: {
        stdout: [
          `=====> ${name} network information`,
          `       ID:             ${inspect.Id.slice(0, 12)}`,
          `       Name:           ${name}`,
          "       Driver:         bridge",
          "       Scope:          local",
          "       Dokku managed:  true",
          "",
        ].join("\n"),
        stderr: "",
        exitCode: 0,
      },
      attachable: true,
      driver: "bridge",
      mismatch: {
        stdout: "> ",
        stderr: [
          " !     WARNING: Potentially Destructive Action",
          ` !     This command will destroy network ${name}.`,
          ` !     To proceed, type "${name}"`,
          ` !     Confirmation did not match ${name}. Aborted.`,
          "",
        ].join("\n"),
        exitCode: 1,
      },
      afterMismatch: [name],
      destroyed: {
        stdout: `> -----> Destroying network ${name}\n`,
        stderr: expect.stringContaining("Potentially Destructive Action") as unknown as string,
        exitCode: 0,
      },
      missing: { stdout: "", stderr: " !     Network does not exist\n", exitCode: 1 },
    });
    expect(json).toEqual({
      CreatedAt: inspect.Created,
      DokkuManaged: true,
      Driver: "bridge",
      ID: inspect.Id.slice(0, 12),
      Internal: false,
      IPv6: false,
      Labels: { "com.dokku.network-name": name },
      Name: name,
      Scope: "local",
    });
    expect({
      builtins: ["bridge", "host", "none", name].every((network) => list.stdout.split("\n").includes(network)),
      noHeading: list.stdout.includes("=====>"),
      managed: managed.every((network) => network.DokkuManaged) && managed.some((network) => network.Name === name),
    }).toEqual({ builtins: true, noHeading: false, managed: true });
  });

  test("refuses bad names, formats, Docker's own networks and unknown networks, creating and destroying nothing", async () => {
    using roots = tempRoots();
    const env = roots.env;
    const before = (await (await docker()).listNetworks()).map((network) => network.Id).sort();
    const results = await Promise.all(
      [
        ["network:create"],
        ["network:create", "-bad"],
        ["network:create", `${name}/x`],
        ["network:exists"],
        ["network:info", "bridge", "--format", "yaml"],
        ["network:info", `${name}-missing`],
        ["network:list", "--format", "xml"],
        ["network:destroy", "bridge", "--force"],
        ["network:destroy", `${name}-missing`, "--force"],
      ].map((args) => runDokku(args, { env })),
    );
    const after = (await (await docker()).listNetworks()).map((network) => network.Id).sort();
    expect(results).toEqual([
      { stdout: "", stderr: " !     No network name specified\n", exitCode: 1 },
      {
        stdout: "",
        stderr:
          " !     Invalid network name specified: -bad (letters, digits, '_', '.' and '-', starting with a letter or digit)\n",
        exitCode: 1,
      },
      {
        stdout: "",
        stderr: ` !     Invalid network name specified: ${name}/x (letters, digits, '_', '.' and '-', starting with a letter or digit)\n`,
        exitCode: 1,
      },
      { stdout: "", stderr: " !     No network name specified\n", exitCode: 1 },
      { stdout: "", stderr: " !     Invalid format specified, use either text or json\n", exitCode: 1 },
      { stdout: "", stderr: " !     Network does not exist\n", exitCode: 1 },
      { stdout: "", stderr: " !     Invalid format specified, use either text or json\n", exitCode: 1 },
      {
        stdout: "",
        stderr: " !     Unable to destroy network: bridge is a pre-defined network and cannot be removed\n",
        exitCode: 1,
      },
      { stdout: "", stderr: " !     Network does not exist\n", exitCode: 1 },
    ]);
    expect(after).toEqual(before);
  });
});
