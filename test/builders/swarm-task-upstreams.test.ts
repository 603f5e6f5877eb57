import { describe, expect, test } from "bun:test";
import { taskUpstreams, type SwarmTask } from "../../src/builders/swarm-task-upstreams";

function task(slot: number, port: number, overrides: Partial<SwarmTask> = {}, proc = "web"): SwarmTask {
  return {
    ID: `t${slot}`,
    NodeID: "node-1",
    Slot: slot,
    DesiredState: "running",
    Spec: { ContainerSpec: { Labels: { "com.dokku.process-type": proc } } },
    Status: { State: "running", PortStatus: { Ports: [{ Protocol: "tcp", TargetPort: 5000, PublishedPort: port, PublishMode: "host" }] } },
    NetworksAttachments: [
      { Network: { Spec: { Name: "ingress" } }, Addresses: ["10.0.0.9/24"] },
      { Network: { Spec: { Name: "dokku" } }, Addresses: [`10.0.1.${slot}/24`] },
    ],
    ...overrides,
  };
}

describe("taskUpstreams", () => {
  test("gives each running task's host port on 127.0.0.1, sorted by type and slot, when nodes are not listed", () => {
    expect(taskUpstreams([task(2, 30002), task(1, 30001, {}, "worker"), task(1, 30003)])).toEqual([
      { address: "127.0.0.1", port: 30003, dyno: "web.1" },
      { address: "127.0.0.1", port: 30002, dyno: "web.2" },
      { address: "127.0.0.1", port: 30001, dyno: "worker.1" },
    ]);
  });

  test("uses the node's address when the node is listed", () => {
    expect(taskUpstreams([task(1, 30001, { NodeID: "node-2" }), task(2, 30002)], { nodeAddresses: new Map([["node-2", "192.0.2.7"]]) })).toEqual([
      { address: "192.0.2.7", port: 30001, dyno: "web.1" },
      { address: "127.0.0.1", port: 30002, dyno: "web.2" },
    ]);
  });

  test("leaves out tasks that are not running, are stopping, or lack a label, slot or host port", () => {
    const tasks = [
      task(1, 30001, { Status: { State: "starting", PortStatus: { Ports: [{ Protocol: "tcp", TargetPort: 5000, PublishedPort: 30001, PublishMode: "host" }] } } }),
      task(2, 30002, { DesiredState: "shutdown" }),
      task(3, 30003, { Spec: { ContainerSpec: { Labels: {} } } }),
      task(4, 30004, { Slot: undefined }),
      task(5, 30005, { Status: { State: "running", PortStatus: { Ports: [{ Protocol: "tcp", TargetPort: 5000, PublishedPort: 30005, PublishMode: "ingress" }] } } }),
      task(6, 30006, { Status: { State: "running", PortStatus: { Ports: [{ Protocol: "udp", TargetPort: 5000, PublishedPort: 30006, PublishMode: "host" }] } } }),
      task(7, 30007, { Status: { State: "running" } }),
      task(8, 30008),
    ];
    expect(taskUpstreams(tasks)).toEqual([{ address: "127.0.0.1", port: 30008, dyno: "web.8" }]);
  });

  test("gives the tasks' overlay addresses and the container port when a network is given", () => {
    expect(taskUpstreams([task(2, 30002), task(1, 30001, { NetworksAttachments: [] }), task(3, 0, { Status: { State: "running" } })], { network: { name: "dokku", port: 5000 } })).toEqual([
      { address: "10.0.1.2", port: 5000, dyno: "web.2" },
      { address: "10.0.1.3", port: 5000, dyno: "web.3" },
    ]);
  });

  test("gives nothing when there are no tasks", () => {
    expect(taskUpstreams([])).toEqual([]);
  });
});
