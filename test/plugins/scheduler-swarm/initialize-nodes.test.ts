import { describe, expect, test } from "bun:test";
import { acquireLock } from "../../../src/store/file-lock";
import { runDokku, tempRoots } from "../../harness";
import { docker, haveDocker } from "../scheduler-docker-local/fixture";
import { withSwarm } from "./swarm-fixture";

/** The lock withSwarm takes: held while this file puts the engine in a swarm itself. */
const SWARM_TEST_LOCK = "/tmp/dokku-swarm-tests.lock";

async function swarmFacts(): Promise<{ state: string; nodeId: string; hostname: string; version: string }> {
  const info = (await (await docker()).info()) as {
    Swarm?: { LocalNodeState?: string; NodeID?: string };
    Name?: string;
    ServerVersion?: string;
  };
  return {
    state: info.Swarm?.LocalNodeState ?? "",
    nodeId: info.Swarm?.NodeID ?? "",
    hostname: info.Name ?? "",
    version: info.ServerVersion ?? "",
  };
}

async function workerToken(): Promise<string> {
  return ((await (await docker()).swarmInspect()) as { JoinTokens: { Worker: string } }).JoinTokens.Worker;
}

describe.skipIf(!haveDocker)("scheduler-swarm:initialize and scheduler-swarm:nodes", () => {
  test("initializes a swarm on an engine outside one, then says it is a manager and prints the join command again", async () => {
    const lock = await acquireLock(SWARM_TEST_LOCK, { timeoutMs: 600_000 });
    try {
      if ((await swarmFacts()).state !== "inactive") {
        console.warn(
          "skipped: the engine is already in a swarm, and initialize is tested only on an engine outside one",
        );
        return;
      }
      using roots = tempRoots();
      const env = roots.env;
      try {
        const refused = [
          await runDokku(["scheduler-swarm:initialize"], { env }),
          await runDokku(["scheduler-swarm:nodes"], { env }),
        ];
        expect(refused).toEqual([
          {
            stdout: "",
            stderr:
              " !     Please specify the address other nodes reach this manager on with --advertise-addr <ip|interface>[:port]\n",
            exitCode: 1,
          },
          {
            stdout: "",
            stderr: " !     This host is not in a swarm: run scheduler-swarm:initialize first\n",
            exitCode: 1,
          },
        ]);
        expect((await swarmFacts()).state).toBe("inactive");

        const first = await runDokku(
          ["scheduler-swarm:initialize", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:2377"],
          { env },
        );
        const facts = await swarmFacts();
        const join = `docker swarm join --token ${await workerToken()} 127.0.0.1:2377\n`;
        const again = await runDokku(["scheduler-swarm:initialize"], { env });
        const quiet = await runDokku(["--quiet", "scheduler-swarm:initialize"], { env });
        expect({ state: facts.state, first, again, quiet }).toEqual({
          state: "active",
          first: {
            stdout: [
              "-----> Initializing a swarm on this host: advertising 127.0.0.1, listening on 127.0.0.1:2377\n",
              `       This host is now the manager of a new swarm (node ${facts.nodeId})\n`,
              "=====> To add a worker to this swarm, run this on it:\n",
              join,
            ].join(""),
            stderr: "",
            exitCode: 0,
          },
          again: {
            stdout: `-----> This host is already a swarm manager (node ${facts.nodeId}), nothing to initialize\n=====> To add a worker to this swarm, run this on it:\n${join}`,
            stderr: "",
            exitCode: 0,
          },
          quiet: { stdout: join, stderr: "", exitCode: 0 },
        });
      } finally {
        // the engine was outside a swarm when this test began, under the lock: any swarm now is ours
        if ((await swarmFacts()).state !== "inactive") await (await docker()).swarmLeave({ force: true });
      }
    } finally {
      lock.release();
    }
  }, 120_000);

  test("lists the swarm's nodes as a table and as JSON", async () => {
    await withSwarm(async () => {
      using roots = tempRoots();
      const env = roots.env;
      const facts = await swarmFacts();
      const table = await runDokku(["scheduler-swarm:nodes"], { env });
      const json = await runDokku(["scheduler-swarm:nodes", "--format", "json"], { env });
      const idWidth = Math.max(2, facts.nodeId.length);
      const hostWidth = Math.max("Hostname".length, facts.hostname.length);
      const row = [
        facts.nodeId.padEnd(idWidth),
        facts.hostname.padEnd(hostWidth),
        "manager",
        "active      ",
        "ready",
        "Leader        ",
        facts.version,
      ].join("  ");
      const expectedHeader = [
        "ID".padEnd(idWidth),
        "Hostname".padEnd(hostWidth),
        "Role   ",
        "Availability",
        "State",
        "Manager Status",
        "Engine Version",
      ].join("  ");
      expect({ table, json: { ...json, stdout: JSON.parse(json.stdout) } }).toEqual({
        table: { stdout: `${expectedHeader}\n${row}\n`, stderr: "", exitCode: 0 },
        json: {
          stdout: [
            {
              id: facts.nodeId,
              hostname: facts.hostname,
              role: "manager",
              availability: "active",
              state: "ready",
              address: expect.any(String),
              manager_status: "leader",
              engine_version: facts.version,
            },
          ],
          stderr: "",
          exitCode: 0,
        },
      });
    });
  }, 120_000);
});
