import { describe, expect, test } from "bun:test";
import { containerAddresses, upstreamRefusals, type CandidateContainer } from "../../src/builders/upstream-check";

/** A container as the engine lists it: running on the bridge unless told otherwise. */
function listed(
  name: string,
  labels: Record<string, string>,
  address: string,
  overrides: Partial<CandidateContainer> = {},
): CandidateContainer {
  return {
    Id: `${name.replace(/\W/g, "")}0123456789abcdef`,
    Names: [`/${name}`],
    State: "running",
    Labels: labels,
    HostConfig: { NetworkMode: "default" },
    NetworkSettings: { Networks: { bridge: { IPAddress: address } } },
    ...overrides,
  };
}

const web = (app: string, release: number) => ({
  "com.dokku.app-name": app,
  "com.dokku.container-type": "deploy",
  "com.dokku.process-type": "web",
  "com.dokku.dyno": "web.1",
  "com.dokku.release-id": String(release),
});

describe("containerAddresses", () => {
  test("gives every network's address of a running container, 127.0.0.1 with host networking, none when not running", () => {
    const multi = listed("a.web.1", {}, "", {
      NetworkSettings: {
        Networks: { bridge: { IPAddress: "172.17.0.2" }, backend: { IPAddress: "", GlobalIPv6Address: "fd00::4" } },
      },
    });
    expect([
      containerAddresses(multi),
      containerAddresses(
        listed("h", {}, "", { HostConfig: { NetworkMode: "host" }, NetworkSettings: { Networks: { host: {} } } }),
      ),
      containerAddresses(listed("r", {}, "172.17.0.9", { State: "restarting" })),
      containerAddresses(listed("x", {}, "", { NetworkSettings: null })),
    ]).toEqual([["172.17.0.2", "fd00::4"], ["127.0.0.1"], [], []]);
  });
});

describe("upstreamRefusals", () => {
  const containers = [
    listed("shop.web.1", web("shop", 3), "172.17.0.2"),
    listed("blog.web.1", web("blog", 1), "172.17.0.3"),
    listed("shop.web.1.retiring-1-abc", web("shop", 2), "172.17.0.4"),
    listed("shop.worker.1", { ...web("shop", 3), "com.dokku.process-type": "worker" }, "172.17.0.5"),
    listed("shop.run.1", { "com.dokku.app-name": "shop", "com.dokku.container-type": "run" }, "172.17.0.6"),
    listed("shop.web.1.upcoming-4-xyz", web("shop", 4), "172.17.0.7"),
    listed("shop.router.k1", { "com.dokku.app-name": "shop", "com.dokku.container-type": "router" }, "172.17.0.8"),
    listed("stranger", {}, "172.17.0.10"),
  ];
  const refusals = (addresses: string[], current: { id: number | undefined } = { id: 3 }) =>
    upstreamRefusals({
      app: "shop",
      upstreams: addresses.map((address) => ({ address, dyno: "web.1" })),
      containers,
      currentReleaseId: current.id,
    });

  test("accepts the app's running web containers of the current release, of a deploy's newer one, and its router", () => {
    expect(refusals(["172.17.0.2", "172.17.0.7", "172.17.0.8"])).toEqual([]);
  });

  test("refuses an address another app's container holds: after an engine restart the old address is someone else's", () => {
    expect(refusals(["172.17.0.3"])).toEqual([
      "172.17.0.3 (web.1): blog.web.1 holds this address, but it belongs to app blog",
    ]);
  });

  test("refuses an address no running container holds, and one an unlabelled container holds", () => {
    expect(refusals(["172.17.0.99", "172.17.0.10"])).toEqual([
      "172.17.0.99 (web.1): no running container of shop has this address",
      "172.17.0.10 (web.1): stranger holds this address, but it belongs to no app",
    ]);
  });

  test("refuses the app's own containers that must not take web traffic: an older release, a worker, a one-off", () => {
    expect(refusals(["172.17.0.4", "172.17.0.5", "172.17.0.6"])).toEqual([
      "172.17.0.4 (web.1): shop.web.1.retiring-1-abc holds this address, but it runs v2, older than the current v3",
      "172.17.0.5 (web.1): shop.worker.1 holds this address, but it is not a web container of shop (deploy container, worker process)",
      "172.17.0.6 (web.1): shop.run.1 holds this address, but it is not a web container of shop (run container, no process)",
    ]);
  });

  test("refuses a container of the current release queued to retire (a restart's old one): it stops once its time comes", () => {
    const restarted = [
      listed("shop.web.1.retiring-9-abc", web("shop", 3), "172.17.0.2"),
      listed("shop.web.1", web("shop", 3), "172.17.0.3"),
    ];
    expect(
      upstreamRefusals({
        app: "shop",
        upstreams: [{ address: "172.17.0.2" }, { address: "172.17.0.3" }],
        containers: restarted,
        currentReleaseId: 3,
      }),
    ).toEqual(["172.17.0.2: shop.web.1.retiring-9-abc holds this address, but it is waiting to retire"]);
  });

  test("a container that is not running holds no address; before the first release any web container of the app will do", () => {
    const stopped = [listed("shop.web.1", web("shop", 1), "172.17.0.2", { State: "exited" })];
    expect([
      upstreamRefusals({
        app: "shop",
        upstreams: [{ address: "172.17.0.2" }],
        containers: stopped,
        currentReleaseId: 1,
      }),
      refusals(["172.17.0.4"], { id: undefined }),
    ]).toEqual([["172.17.0.2: no running container of shop has this address"], []]);
  });

  test("on a shared address (host networking) the app's own container counts, whoever else is there", () => {
    const host = { HostConfig: { NetworkMode: "host" }, NetworkSettings: { Networks: { host: {} } } };
    const both = [listed("blog.web.1", web("blog", 1), "", host), listed("shop.web.1", web("shop", 3), "", host)];
    expect(
      upstreamRefusals({ app: "shop", upstreams: [{ address: "127.0.0.1" }], containers: both, currentReleaseId: 3 }),
    ).toEqual([]);
  });
});
