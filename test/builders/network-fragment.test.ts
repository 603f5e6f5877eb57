import { describe, expect, test } from "bun:test";
import { applyFragments } from "../../src/builders/container-fragment";
import { buildNetworkFragment, networkAlias, networkAliases } from "../../src/builders/network-fragment";
import type { NetworkSettings } from "../../src/builders/network-properties";

const NONE: NetworkSettings = {
  attachPostCreate: [],
  attachPostDeploy: [],
  initialNetwork: "",
  bindAllInterfaces: false,
  tld: "",
};

describe("buildNetworkFragment", () => {
  test("contributes nothing with the default settings", () => {
    expect(
      buildNetworkFragment({ app: "shop", processType: "web", phase: "deploy", settings: NONE, webPorts: [5000] }),
    ).toEqual({});
  });

  test("creates a deploy container on the initial network with the app alias, suffixed by the tld", () => {
    const settings = { ...NONE, initialNetwork: "shared", tld: "svc.local", attachPostCreate: ["later"] };
    expect(
      buildNetworkFragment({ app: "shop", processType: "worker", phase: "deploy", settings, webPorts: [] }),
    ).toEqual({
      hostConfig: { NetworkMode: "shared" },
      networks: [{ name: "shared", aliases: ["shop.worker.svc.local"] }],
    });
  });

  test("gives a run container the initial network without aliases, so it takes none of the process type's traffic", () => {
    const settings = { ...NONE, initialNetwork: "shared" };
    expect(buildNetworkFragment({ app: "shop", processType: "web", phase: "run", settings, webPorts: [5000] })).toEqual(
      { hostConfig: { NetworkMode: "shared" } },
    );
  });

  test("sets only NetworkMode for Docker's own networks, which take no aliases", () => {
    expect(
      ["bridge", "host", "none"].map((initialNetwork) =>
        buildNetworkFragment({
          app: "shop",
          processType: "web",
          phase: "deploy",
          settings: { ...NONE, initialNetwork },
          webPorts: [],
        }),
      ),
    ).toEqual([
      { hostConfig: { NetworkMode: "bridge" } },
      { hostConfig: { NetworkMode: "host" } },
      { hostConfig: { NetworkMode: "none" } },
    ]);
  });

  test("publishes each web port on a random host port with bind-all-interfaces, for deploy web containers only", () => {
    const settings = { ...NONE, bindAllInterfaces: true };
    const web = buildNetworkFragment({
      app: "shop",
      processType: "web",
      phase: "deploy",
      settings,
      webPorts: [8080, 5000, 8080],
    });
    const worker = buildNetworkFragment({
      app: "shop",
      processType: "worker",
      phase: "deploy",
      settings,
      webPorts: [5000],
    });
    const run = buildNetworkFragment({ app: "shop", processType: "web", phase: "run", settings, webPorts: [5000] });
    const host = buildNetworkFragment({
      app: "shop",
      processType: "web",
      phase: "deploy",
      settings: { ...settings, initialNetwork: "host" },
      webPorts: [5000],
    });
    expect({ web, worker, run, host }).toEqual({
      web: {
        hostConfig: {
          PortBindings: { "5000/tcp": [{ HostIp: "", HostPort: "" }], "8080/tcp": [{ HostIp: "", HostPort: "" }] },
        },
      },
      worker: {},
      run: {},
      host: { hostConfig: { NetworkMode: "host" } },
    });
  });
});

describe("networkAliases", () => {
  test("names app.proc, and hostname.app.proc once the hostname is known, for deploy containers only", () => {
    expect([
      networkAlias("shop", "web", ""),
      networkAliases({ app: "shop", processType: "web", tld: "", phase: "deploy" }),
      networkAliases({ app: "shop", processType: "web", tld: "svc", phase: "deploy", hostname: "0123456789ab" }),
      networkAliases({ app: "shop", processType: "web", tld: "", phase: "run", hostname: "0123456789ab" }),
    ]).toEqual(["shop.web", ["shop.web"], ["shop.web.svc", "0123456789ab.shop.web.svc"], []]);
  });
});

describe("buildNetworkFragment through applyFragments", () => {
  test("exposes the published web ports, so Docker publishes them, and puts the alias on the initial network's endpoint", () => {
    const spec = applyFragments({ name: "shop.web.1", Image: "dokku/shop:v1", HostConfig: {} }, [
      buildNetworkFragment({
        app: "shop",
        processType: "web",
        phase: "deploy",
        settings: { ...NONE, initialNetwork: "shared", bindAllInterfaces: true },
        webPorts: [5000],
      }),
    ]);
    expect(spec).toEqual({
      name: "shop.web.1",
      Image: "dokku/shop:v1",
      HostConfig: { NetworkMode: "shared", PortBindings: { "5000/tcp": [{ HostIp: "", HostPort: "" }] } },
      Labels: {},
      Env: [],
      ExposedPorts: { "5000/tcp": {} },
      NetworkingConfig: { EndpointsConfig: { shared: { Aliases: ["shop.web"] } } },
    });
  });
});
