import { describe, expect, test } from "bun:test";
import type { SwarmNode } from "../../../src/executors/docker/swarm";
import { columnize } from "../../../src/plugins/config/go-format";
import { nodeRows, nodesJson } from "../../../src/plugins/scheduler-swarm/node-table";
import {
  addressProblem,
  joinCommand,
  managerAddress,
  swarmRole,
} from "../../../src/plugins/scheduler-swarm/swarm-role";

describe("swarmRole", () => {
  test("tells a non-member, a manager, a worker and a stuck node apart", () => {
    const states = [
      { localNodeState: "inactive", controlAvailable: false },
      { localNodeState: "active", controlAvailable: true },
      { localNodeState: "active", controlAvailable: false },
      { localNodeState: "locked", controlAvailable: false },
      { localNodeState: "pending", controlAvailable: false },
    ];
    expect(states.map(swarmRole)).toEqual(["none", "manager", "worker", "other", "other"]);
  });
});

describe("managerAddress", () => {
  test("uses this node's manager entry, else its node address on port 2377", () => {
    const managers = [
      { nodeId: "other", addr: "10.0.0.9:2377" },
      { nodeId: "me", addr: "10.0.0.5:4000" },
    ];
    expect([
      managerAddress({ nodeId: "me", nodeAddr: "10.0.0.5", remoteManagers: managers }),
      managerAddress({ nodeId: "me", nodeAddr: "10.0.0.5", remoteManagers: [] }),
      managerAddress({ nodeId: "me", nodeAddr: "fd00::5", remoteManagers: [] }),
    ]).toEqual(["10.0.0.5:4000", "10.0.0.5:2377", "[fd00::5]:2377"]);
    expect(joinCommand("SWMTKN-1-abc", "10.0.0.5:2377")).toBe("docker swarm join --token SWMTKN-1-abc 10.0.0.5:2377");
  });
});

describe("addressProblem", () => {
  test("accepts IPs and interfaces with an optional port and refuses the rest", () => {
    const inputs = [
      "127.0.0.1",
      "10.0.0.5:2377",
      "eth0",
      "eth0:2377",
      "[::1]:2377",
      "fd00::5",
      "0.0.0.0:2377",
      "a b",
      "1.2.3.4:99999",
      "300.1.1.1",
      "$(reboot)",
      "",
    ];
    expect(inputs.map((value) => addressProblem("advertise-addr", value) === undefined)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(addressProblem("listen-addr", "a b")).toBe(
      'Invalid --listen-addr specified: "a b" is not an IP address or network interface, with an optional :port',
    );
  });
});

describe("nodeRows", () => {
  test("lays the nodes out by hostname under a header, managers showing their status", () => {
    const node = (id: string, hostname: string, role: string, managerStatus: string): SwarmNode => ({
      id,
      hostname,
      role,
      availability: "active",
      state: "ready",
      address: "10.0.0.1",
      managerStatus,
      engineVersion: "20.10.24",
    });
    const nodes = [node("w1", "worker-1", "worker", ""), node("m1", "manager-1", "manager", "leader")];
    expect(columnize(nodeRows(nodes)).split("\n")).toEqual([
      "ID  Hostname   Role     Availability  State  Manager Status  Engine Version",
      "m1  manager-1  manager  active        ready  Leader          20.10.24",
      "w1  worker-1   worker   active        ready                  20.10.24",
    ]);
    expect(JSON.parse(nodesJson(nodes))).toEqual([
      {
        id: "m1",
        hostname: "manager-1",
        role: "manager",
        availability: "active",
        state: "ready",
        address: "10.0.0.1",
        manager_status: "leader",
        engine_version: "20.10.24",
      },
      {
        id: "w1",
        hostname: "worker-1",
        role: "worker",
        availability: "active",
        state: "ready",
        address: "10.0.0.1",
        manager_status: "",
        engine_version: "20.10.24",
      },
    ]);
  });
});
