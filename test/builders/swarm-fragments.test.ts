import { describe, expect, test } from "bun:test";
import { bindMount, swarmFragments, tmpfsMount } from "../../src/builders/swarm-fragments";

const empty = { mounts: [], resources: {}, networks: [], labels: {}, env: [], container: {}, unsupported: [] };

describe("bindMount", () => {
  test("reads binds, volumes, ro and propagation when the options are ones Swarm has", () => {
    expect(["/a:/b", "/a:/b:ro", "/a:/b:rw,rshared", "data:/b:ro"].map(bindMount)).toEqual([
      { Type: "bind", Source: "/a", Target: "/b" },
      { Type: "bind", Source: "/a", Target: "/b", ReadOnly: true },
      { Type: "bind", Source: "/a", Target: "/b", BindOptions: { Propagation: "rshared" } },
      { Type: "volume", Source: "data", Target: "/b", ReadOnly: true },
    ]);
  });

  test("gives undefined when the bind is malformed or has an option Swarm lacks", () => {
    expect(["/a", ":/b", "/a:", "/a:/b:z", "/a:/b:ro:x", "data:/b:rshared"].map(bindMount)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("tmpfsMount", () => {
  test("reads size and octal mode when given", () => {
    expect([
      tmpfsMount("/t", ""),
      tmpfsMount("/t", "size=64m,mode=1777"),
      tmpfsMount("/t", "size=2k"),
    ] as unknown[]).toEqual([
      { Type: "tmpfs", Source: "", Target: "/t" },
      { Type: "tmpfs", Source: "", Target: "/t", TmpfsOptions: { SizeBytes: 64 * 1024 * 1024, Mode: 0o1777 } },
      { Type: "tmpfs", Source: "", Target: "/t", TmpfsOptions: { SizeBytes: 2048 } },
    ]);
  });

  test("gives undefined when an option is not size or mode or is malformed", () => {
    expect([tmpfsMount("/t", "noexec"), tmpfsMount("/t", "size=lots"), tmpfsMount("/t", "mode=999")]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("swarmFragments", () => {
  test("gives nothing when there are no fragments", () => {
    expect(swarmFragments([])).toEqual(empty);
  });

  test("mounts an anonymous volume as a volume without a source, once per path", () => {
    expect(swarmFragments([{ volumes: ["/tmp"] }, { volumes: ["/tmp", "/var/tmp"] }]).mounts).toEqual([
      { Type: "volume", Source: "", Target: "/tmp" },
      { Type: "volume", Source: "", Target: "/var/tmp" },
    ]);
  });

  test("maps every HostConfig field Swarm can express to its place", () => {
    expect(
      swarmFragments([
        { binds: ["/s:/app/s"], hostConfig: { Binds: ["/x:/y:ro"], Tmpfs: { "/run": "" } } },
        { hostConfig: { Memory: 100, NanoCpus: 2, PidsLimit: 50, MemoryReservation: 60 } },
        {
          hostConfig: {
            Init: false,
            ReadonlyRootfs: true,
            CapAdd: ["net_admin", "CAP_SYS_TIME", "ALL"],
            CapDrop: ["MKNOD"],
            Ulimits: [{ Name: "nofile", Soft: 10, Hard: 20 }],
            Sysctls: { "net.core.somaxconn": "1024" },
            ExtraHosts: ["db:10.0.0.2"],
            GroupAdd: ["audio"],
            Dns: ["1.1.1.1"],
            DnsSearch: ["local"],
            DnsOptions: ["ndots:1"],
            LogConfig: { Type: "syslog", Config: {} },
            RestartPolicy: { Name: "on-failure", MaximumRetryCount: 4 },
          },
        },
      ]),
    ).toEqual({
      ...empty,
      mounts: [
        { Type: "bind", Source: "/s", Target: "/app/s" },
        { Type: "bind", Source: "/x", Target: "/y", ReadOnly: true },
        { Type: "tmpfs", Source: "", Target: "/run" },
      ],
      resources: { Limits: { NanoCPUs: 2, MemoryBytes: 100, Pids: 50 }, Reservations: { MemoryBytes: 60 } },
      container: {
        Init: false,
        ReadOnly: true,
        CapabilityAdd: ["CAP_NET_ADMIN", "CAP_SYS_TIME", "ALL"],
        CapabilityDrop: ["CAP_MKNOD"],
        Ulimits: [{ Name: "nofile", Soft: 10, Hard: 20 }],
        Sysctls: { "net.core.somaxconn": "1024" },
        Hosts: ["10.0.0.2 db"],
        Groups: ["audio"],
        DNSConfig: { Nameservers: ["1.1.1.1"], Search: ["local"], Options: ["ndots:1"] },
      },
      logDriver: { Name: "syslog", Options: {} },
      restartPolicy: "on-failure:4",
    });
  });

  test("lists what Swarm cannot express when fragments set it, and skips unset values", () => {
    expect(
      swarmFragments([
        {
          binds: ["/a:/b:z"],
          hostConfig: {
            Privileged: true,
            Devices: [{ PathOnHost: "/dev/fuse", PathInContainer: "/dev/fuse", CgroupPermissions: "rwm" }],
            ShmSize: 0,
            CapAdd: [],
            Tmpfs: { "/t": "noexec" },
          },
        },
        {
          hostConfig: {
            MemorySwap: 10,
            PortBindings: { "80/tcp": [{ HostPort: "8080" }] },
            NetworkMode: "host",
            Memory: 0,
          },
        },
      ]),
    ).toEqual({
      ...empty,
      unsupported: [
        "Binds /a:/b:z",
        "Tmpfs /t:noexec",
        "HostConfig.NetworkMode host",
        "HostConfig.Privileged",
        "HostConfig.Devices",
        "HostConfig.MemorySwap",
        "HostConfig.PortBindings",
      ],
    });
  });

  test("joins the initial network first with its aliases, then other networks, when the network plugin names them", () => {
    expect(
      swarmFragments([
        {
          hostConfig: { NetworkMode: "front" },
          networks: [
            { name: "back", aliases: ["a"] },
            { name: "front", aliases: ["shop.web"] },
          ],
        },
        { networks: [{ name: "back", aliases: ["a", "b"] }] },
      ]).networks,
    ).toEqual([
      { Target: "front", Aliases: ["shop.web"] },
      { Target: "back", Aliases: ["a", "b"] },
    ]);
  });

  test("keeps the first env of a key and merges labels, a later fragment's scalar winning", () => {
    const result = swarmFragments([
      { env: { A: "1" }, labels: { x: "1" }, hostConfig: { Memory: 1, Sysctls: { a: "1" } } },
      { env: { A: "2", B: "3" }, labels: { x: "2", y: "3" }, hostConfig: { Memory: 2, Sysctls: { b: "2" } } },
    ]);
    expect([result.env, result.labels, result.resources, result.container]).toEqual([
      [
        ["A", "1"],
        ["B", "3"],
      ],
      { x: "2", y: "3" },
      { Limits: { MemoryBytes: 2 } },
      { Sysctls: { a: "1", b: "2" } },
    ]);
  });
});
