import { describe, expect, test } from "bun:test";
import { containerUpstream, type InspectedContainer } from "../../src/builders/nginx-upstreams";

function inspected(
  networks: Record<string, { IPAddress?: string; GlobalIPv6Address?: string }>,
  networkMode?: string,
): InspectedContainer {
  return {
    Config: { Env: ["PORT=5000"], Labels: { "com.dokku.dyno": "web.2" } },
    NetworkSettings: { Networks: networks },
    HostConfig: networkMode === undefined ? undefined : { NetworkMode: networkMode },
  };
}

describe("containerUpstream", () => {
  test("picks the bridge address of a container on the default network", () => {
    expect(
      containerUpstream(
        inspected({ backend: { IPAddress: "172.20.0.5" }, bridge: { IPAddress: "172.17.0.3" } }, "default"),
      ),
    ).toEqual({ dyno: "web.2", address: "172.17.0.3", port: 5000 });
  });

  test("picks the address on the app's initial network, not on a network attached later", () => {
    const info = inspected({ attached: { IPAddress: "172.21.0.9" }, shared: { IPAddress: "172.20.0.4" } }, "shared");
    expect(containerUpstream(info)).toEqual({ dyno: "web.2", address: "172.20.0.4", port: 5000 });
  });

  test("falls back to the first network with an address, IPv6 included", () => {
    expect([
      containerUpstream(inspected({ gone: { IPAddress: "" }, other: { IPAddress: "172.22.0.2" } }, "gone")),
      containerUpstream(inspected({ v6: { IPAddress: "", GlobalIPv6Address: "fd00::5" } })),
    ]).toEqual([
      { dyno: "web.2", address: "172.22.0.2", port: 5000 },
      { dyno: "web.2", address: "fd00::5", port: 5000 },
    ]);
  });

  test("reaches a host-networked container on 127.0.0.1, as Dokku", () => {
    expect(containerUpstream(inspected({ host: {} }, "host"))).toEqual({
      dyno: "web.2",
      address: "127.0.0.1",
      port: 5000,
    });
  });

  test("gives undefined when the container has no address", () => {
    expect(containerUpstream(inspected({ bridge: { IPAddress: "" } }, "default"))).toBeUndefined();
  });

  test("uses 5000 and web.1 when the container has no PORT or dyno label", () => {
    expect(
      containerUpstream({
        Config: { Env: null, Labels: null },
        NetworkSettings: { Networks: { bridge: { IPAddress: "172.17.0.2" } } },
      }),
    ).toEqual({ dyno: "web.1", address: "172.17.0.2", port: 5000 });
  });
});
