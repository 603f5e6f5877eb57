import { describe, expect, test } from "bun:test";
import { applyFragments, mergeBinds } from "../../src/builders/container-fragment";
import { swarmFragments } from "../../src/builders/swarm-fragments";
import { deployContainerSpec } from "../../src/builders/container-spec";

const SPEC = deployContainerSpec({
  app: "shop",
  name: "shop.web.1",
  image: "dokku/shop:v1",
  processType: "web",
  index: 1,
  releaseId: 1,
  deployId: "1-test",
  env: new Map([
    ["PORT", "ignored"],
    ["FOO", "app"],
  ]),
  port: "5000",
  restartPolicy: "on-failure:10",
  init: true,
  command: undefined,
});

describe("applyFragments", () => {
  test("returns the spec itself when no plugin contributes", () => {
    expect(applyFragments(SPEC, [])).toBe(SPEC);
  });

  test("adds binds and lists up, lets a later scalar win, and never overrides the spec's labels or env", () => {
    const spec = applyFragments(SPEC, [
      {
        binds: ["/var/lib/dokku/data/storage/shop:/data"],
        hostConfig: { Memory: 256, CapAdd: ["NET_ADMIN"] },
        env: { FOO: "plugin", BAR: "1" },
      },
      {
        binds: ["/srv/x:/x:ro"],
        hostConfig: { Memory: 512, CapAdd: ["SYS_TIME"] },
        labels: { "com.dokku.app-name": "evil", team: "ops" },
        env: { BAR: "2" },
      },
    ]);
    expect(spec.HostConfig).toEqual({
      Init: true,
      RestartPolicy: { Name: "on-failure", MaximumRetryCount: 10 },
      Binds: ["/var/lib/dokku/data/storage/shop:/data", "/srv/x:/x:ro"],
      Memory: 512,
      CapAdd: ["NET_ADMIN", "SYS_TIME"],
    });
    expect(spec.Labels?.["com.dokku.app-name"]).toBe("shop");
    expect(spec.Labels?.team).toBe("ops");
    expect(spec.Env).toEqual([...(SPEC.Env ?? []), "BAR=1"]);
  });

  test("adds port bindings and sysctls of several plugins up, a later log config wins whole", () => {
    const spec = applyFragments(SPEC, [
      {
        hostConfig: {
          PortBindings: { "5000/tcp": [{ HostPort: "8080" }] },
          Sysctls: { "net.core.somaxconn": "1024" },
          LogConfig: { Type: "json-file", Config: { "max-size": "10m" } },
        },
      },
      { hostConfig: { PortBindings: { "6000/tcp": [{ HostPort: "" }] }, LogConfig: { Type: "local", Config: {} } } },
    ]);
    expect(spec.HostConfig?.PortBindings).toEqual({
      "5000/tcp": [{ HostPort: "8080" }],
      "6000/tcp": [{ HostPort: "" }],
    });
    expect(spec.HostConfig?.Sysctls).toEqual({ "net.core.somaxconn": "1024" });
    expect(spec.HostConfig?.LogConfig).toEqual({ Type: "local", Config: {} });
    expect(spec.ExposedPorts).toEqual({ "5000/tcp": {}, "6000/tcp": {} });
  });

  test("adds anonymous volumes of several plugins up as Config.Volumes", () => {
    const spec = applyFragments(SPEC, [{ volumes: ["/tmp"] }, { volumes: ["/var/tmp", "/tmp"] }]);
    expect(spec.Volumes).toEqual({ "/tmp": {}, "/var/tmp": {} });
    expect(applyFragments(SPEC, [{ binds: ["/a:/a"] }]).Volumes).toBeUndefined();
  });

  test("joins networks with their aliases merged", () => {
    const spec = applyFragments(SPEC, [
      { networks: [{ name: "backend", aliases: ["shop.web"] }] },
      { networks: [{ name: "backend", aliases: ["shop.web", "shop.web.1"] }] },
    ]);
    expect(spec.NetworkingConfig).toEqual({ EndpointsConfig: { backend: { Aliases: ["shop.web", "shop.web.1"] } } });
  });
});

describe("mergeBinds", () => {
  test("counts a mount in storage and in docker-options once (a storage:migrate cut between its writes), keeps the rest in order", () => {
    expect(
      mergeBinds(
        ["/srv/a:/data", "/srv/b:/cache:ro,Z"],
        ["/srv/a:/data", "/srv/b:/cache/:Z,ro", "/srv/a:/other", "vol:/data2", "/srv/c:/cache"],
      ),
    ).toEqual(["/srv/a:/data", "/srv/b:/cache:ro,Z", "/srv/a:/other", "vol:/data2", "/srv/c:/cache"]);
  });

  test("both schedulers merge binds that way", () => {
    const fragments = [{ binds: ["/srv/a:/data"] }, { binds: ["/srv/a:/data", "/srv/b:/b"] }];
    expect({
      local: applyFragments(SPEC, fragments).HostConfig?.Binds,
      swarm: swarmFragments(fragments).mounts.map((mount) => `${mount.Source}:${mount.Target}`),
    }).toEqual({ local: ["/srv/a:/data", "/srv/b:/b"], swarm: ["/srv/a:/data", "/srv/b:/b"] });
  });
});
