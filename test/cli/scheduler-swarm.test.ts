import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";

/** The scheduler-swarm properties of a scope, as stored: key -> value. */
function swarmProperties(libRoot: string, scope: string): Record<string, string> {
  const dir = join(libRoot, "config/scheduler-swarm", scope);
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).map((key) => [key, readFileSync(join(dir, key), "utf8")]));
}

describe("scheduler-swarm:set and scheduler-swarm:report", () => {
  test("sets, unsets and reports app values over global values over defaults", async () => {
    using roots = tempRoots();
    const env = roots.env;
    const lib = env.DOKKU_LIB_ROOT as string;
    await runDokku(["apps:create", "shop"], { env });
    const sets = [
      await runDokku(["scheduler-swarm:set", "--global", "update-parallelism", "2"], { env }),
      await runDokku(["scheduler-swarm:set", "--global", "network", "dokku-swarm"], { env }),
      await runDokku(["scheduler-swarm:set", "shop", "update-parallelism", "0"], { env }),
      await runDokku(["scheduler-swarm:set", "shop", "update-delay", "1m30s"], { env }),
      await runDokku(
        ["scheduler-swarm:set", "shop", "placement-constraints", "node.role==manager,node.labels.zone!=eu"],
        { env },
      ),
      await runDokku(["scheduler-swarm:set", "shop", "update-order", "stop-first"], { env }),
      await runDokku(["scheduler-swarm:set", "shop", "update-order"], { env }),
    ];
    expect(sets).toEqual([
      { stdout: "=====> Setting update-parallelism to 2\n", stderr: "", exitCode: 0 },
      { stdout: "=====> Setting network to dokku-swarm\n", stderr: "", exitCode: 0 },
      { stdout: "=====> Setting update-parallelism to 0\n", stderr: "", exitCode: 0 },
      { stdout: "=====> Setting update-delay to 1m30s\n", stderr: "", exitCode: 0 },
      {
        stdout: "=====> Setting placement-constraints to node.role==manager,node.labels.zone!=eu\n",
        stderr: "",
        exitCode: 0,
      },
      { stdout: "=====> Setting update-order to stop-first\n", stderr: "", exitCode: 0 },
      { stdout: "=====> Unsetting update-order\n", stderr: "", exitCode: 0 },
    ]);
    expect(swarmProperties(lib, "shop")).toEqual({
      "update-parallelism": "0",
      "update-delay": "1m30s",
      "placement-constraints": "node.role==manager,node.labels.zone!=eu",
    });

    const report = await runDokku(["scheduler-swarm:report", "shop", "--format", "json"], { env });
    expect({ ...report, stdout: JSON.parse(report.stdout) }).toEqual({
      stdout: {
        "computed-network": "dokku-swarm",
        "computed-placement-constraints": "node.role==manager,node.labels.zone!=eu",
        "computed-update-delay": "1m30s",
        "computed-update-order": "start-first",
        "computed-update-parallelism": "0",
        "global-network": "dokku-swarm",
        "global-placement-constraints": "",
        "global-update-delay": "",
        "global-update-order": "",
        "global-update-parallelism": "2",
        network: "",
        "placement-constraints": "node.role==manager,node.labels.zone!=eu",
        "update-delay": "1m30s",
        "update-order": "",
        "update-parallelism": "0",
      },
      stderr: "",
      exitCode: 0,
    });
    const flags = [
      await runDokku(["scheduler-swarm:report", "shop", "--scheduler-swarm-computed-update-order"], { env }),
      await runDokku(["scheduler-swarm:report", "--global", "--scheduler-swarm-computed-update-parallelism"], { env }),
    ];
    expect(flags).toEqual([
      { stdout: "start-first\n", stderr: "", exitCode: 0 },
      { stdout: "2\n", stderr: "", exitCode: 0 },
    ]);
    const text = await runDokku(["scheduler-swarm:report", "shop"], { env });
    expect(text.stdout.split("\n").slice(0, 3)).toEqual([
      "=====> shop scheduler-swarm information",
      "       Scheduler swarm computed network:               dokku-swarm",
      "       Scheduler swarm computed placement constraints: node.role==manager,node.labels.zone!=eu",
    ]);
    const all = await runDokku(["report", "shop"], { env });
    expect(all.stdout).toContain("=====> shop scheduler-swarm information\n");
  });

  test("refuses bad properties, bad values and missing apps with one line, writing nothing", async () => {
    using roots = tempRoots();
    const env = roots.env;
    const lib = env.DOKKU_LIB_ROOT as string;
    await runDokku(["apps:create", "shop"], { env });
    const results = [
      await runDokku(["scheduler-swarm:set", "shop", "update-parallelism", "1.5"], { env }),
      await runDokku(["scheduler-swarm:set", "shop", "update-delay", "soon"], { env }),
      await runDokku(["scheduler-swarm:set", "shop", "update-order", "any-first"], { env }),
      await runDokku(["scheduler-swarm:set", "shop", "placement-constraints", "node.role==boss"], { env }),
      await runDokku(["scheduler-swarm:set", "--global", "placement-constraints", "node.role=manager"], { env }),
      await runDokku(["scheduler-swarm:set", "--global", "network", "../etc"], { env }),
      await runDokku(["scheduler-swarm:set", "shop", "replicas", "3"], { env }),
      await runDokku(["scheduler-swarm:set", "shop"], { env }),
      await runDokku(["scheduler-swarm:set", "nope", "network", "x"], { env }),
      await runDokku(["scheduler-swarm:report", "nope"], { env }),
      await runDokku(["scheduler-swarm:report", "shop", "--format", "yaml"], { env }),
    ];
    expect(results).toEqual([
      {
        stdout: "",
        stderr:
          " !     Invalid update-parallelism value specified: must be a whole number, 0 or more (0 updates every task at once)\n",
        exitCode: 1,
      },
      {
        stdout: "",
        stderr: ' !     Invalid update-delay value specified: "soon" is not a duration such as 10s, 1m or 1m30s\n',
        exitCode: 1,
      },
      {
        stdout: "",
        stderr: " !     Invalid update-order value specified: must be start-first or stop-first\n",
        exitCode: 1,
      },
      {
        stdout: "",
        stderr:
          ' !     Invalid placement-constraints value specified: node.role must be manager or worker, not "boss"\n',
        exitCode: 1,
      },
      {
        stdout: "",
        stderr:
          ' !     Invalid placement-constraints value specified: "node.role=manager" is not a <key>==<value> or <key>!=<value> expression\n',
        exitCode: 1,
      },
      { stdout: "", stderr: ' !     Invalid network value specified: "../etc" is not a network name\n', exitCode: 1 },
      {
        stdout: "",
        stderr:
          " !     Invalid property specified, valid properties include: network, placement-constraints, update-delay, update-order, update-parallelism\n",
        exitCode: 1,
      },
      { stdout: "", stderr: " !     No property specified\n", exitCode: 1 },
      { stdout: "", stderr: " !     App nope does not exist\n", exitCode: 20 },
      { stdout: "", stderr: " !     App nope does not exist\n", exitCode: 20 },
      {
        stdout: "",
        stderr: " !     Invalid --format value specified: yaml. Valid values: stdout, json\n",
        exitCode: 1,
      },
    ]);
    expect([swarmProperties(lib, "shop"), swarmProperties(lib, "--global"), swarmProperties(lib, "nope")]).toEqual([
      {},
      {},
      {},
    ]);
  });

  test("refuses bad initialize addresses and a bad nodes format before touching Docker", async () => {
    using roots = tempRoots();
    const env = { ...roots.env, DOCKER_HOST: `unix://${roots.dir}/no-docker.sock` };
    const results = [
      await runDokku(["scheduler-swarm:initialize", "--advertise-addr", "1.2.3.4:99999"], { env }),
      await runDokku(["scheduler-swarm:initialize", "--advertise-addr", "127.0.0.1", "--listen-addr", "$(reboot)"], {
        env,
      }),
      await runDokku(["scheduler-swarm:nodes", "--format", "yaml"], { env }),
    ];
    expect(results).toEqual([
      {
        stdout: "",
        stderr:
          ' !     Invalid --advertise-addr specified: "1.2.3.4:99999" is not an IP address or network interface, with an optional :port\n',
        exitCode: 1,
      },
      {
        stdout: "",
        stderr:
          ' !     Invalid --listen-addr specified: "$(reboot)" is not an IP address or network interface, with an optional :port\n',
        exitCode: 1,
      },
      { stdout: "", stderr: " !     Invalid format specified, supported formats: json, stdout\n", exitCode: 1 },
    ]);
  });
});
