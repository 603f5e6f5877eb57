import { describe, expect, test } from "bun:test";
import {
  dockerOptionsBuildOptions,
  dockerOptionsContainerFragment,
  dockerOptionsEnvFiles,
} from "../../src/builders/docker-options-fragment";
import {
  parseDevice,
  parseEnvFile,
  parseExtraHost,
  parseGpus,
  parsePublish,
  parseSize,
  parseUlimit,
} from "../../src/builders/docker-options-values";
import { dokkuErrorOf } from "../harness";

const NO_FILES = new Map<string, string>();

describe("dockerOptionsContainerFragment", () => {
  test("turns the options users put there into dockerode options", () => {
    const options = [
      "--add-host db.internal:10.0.0.5",
      "--add-host=cache=10.0.0.6",
      "--cap-add NET_ADMIN",
      "--cap-drop=MKNOD",
      "--cpus 1.5",
      "--device /dev/fuse",
      "--dns 1.1.1.1",
      "--gpus all",
      "--group-add 999",
      "--init",
      "--label 'owner=platform team'",
      "-l flag",
      "--link db:database",
      "--log-driver json-file",
      "--log-opt max-size=10m",
      "--log-opt=max-file=3",
      "--memory 512m",
      "--memory-reservation 256m",
      "--memory-swap -1",
      "--network=bridge",
      "--pids-limit 100",
      "--privileged",
      "-p 6789:5000",
      "--publish=127.0.0.1::5000/udp",
      "-p [::1]:8080:5000",
      "--restart unless-stopped",
      "--security-opt no-new-privileges",
      "--shm-size 64m",
      "--sysctl net.core.somaxconn=1024",
      "--tmpfs /run:size=64m",
      "--ulimit nofile=1024:2048",
      "-v /srv/data:/data:ro",
      "--volume=cache:/cache",
      "-e A=1",
      "'--env=B=two words'",
    ];
    expect(dockerOptionsContainerFragment(options, "deploy", NO_FILES)).toEqual({
      binds: ["/srv/data:/data:ro", "cache:/cache"],
      hostConfig: {
        ExtraHosts: ["db.internal:10.0.0.5", "cache:10.0.0.6"],
        CapAdd: ["NET_ADMIN"],
        CapDrop: ["MKNOD"],
        NanoCpus: 1_500_000_000,
        Devices: [{ PathOnHost: "/dev/fuse", PathInContainer: "/dev/fuse", CgroupPermissions: "rwm" }],
        Dns: ["1.1.1.1"],
        DeviceRequests: [{ Driver: "", Count: -1, DeviceIDs: [], Capabilities: [["gpu"]], Options: {} }],
        GroupAdd: ["999"],
        Init: true,
        Links: ["db:database"],
        Memory: 512 * 1024 ** 2,
        MemoryReservation: 256 * 1024 ** 2,
        MemorySwap: -1,
        NetworkMode: "bridge",
        PidsLimit: 100,
        Privileged: true,
        PortBindings: {
          "5000/tcp": [
            { HostIp: "", HostPort: "6789" },
            { HostIp: "::1", HostPort: "8080" },
          ],
          "5000/udp": [{ HostIp: "127.0.0.1", HostPort: "" }],
        },
        RestartPolicy: { Name: "unless-stopped" },
        SecurityOpt: ["no-new-privileges"],
        ShmSize: 64 * 1024 ** 2,
        Sysctls: { "net.core.somaxconn": "1024" },
        Tmpfs: { "/run": "size=64m" },
        Ulimits: [{ Name: "nofile", Soft: 1024, Hard: 2048 }],
        LogConfig: { Type: "json-file", Config: { "max-size": "10m", "max-file": "3" } },
      },
      labels: { owner: "platform team", flag: "" },
      env: { A: "1", B: "two words" },
    });
  });

  test("makes a lone container path an anonymous volume and keeps a substitution literal (issue 14)", () => {
    expect(
      dockerOptionsContainerFragment(
        ["-v /var/tmp", "--volume=/tmp", "-v /srv:/srv", "'--label=org.example.test=$(id)'", "-e 'X=`id`'"],
        "deploy",
        NO_FILES,
      ),
    ).toEqual({
      binds: ["/srv:/srv"],
      volumes: ["/var/tmp", "/tmp"],
      labels: { "org.example.test": "$(id)" },
      env: { X: "`id`" },
    });
  });

  test("skips options stored for a phase they are not used in", () => {
    expect({
      run: dockerOptionsContainerFragment(["--restart always", "--build-arg A=1", "-v /tmp"], "run", NO_FILES),
      build: dockerOptionsBuildOptions(["-v /tmp", "--link postgres", "--build-arg A=1"]),
    }).toEqual({ run: { volumes: ["/tmp"] }, build: { buildargs: { A: "1" }, labels: {} } });
  });

  test("is empty when there are no options", () => {
    expect(dockerOptionsContainerFragment([], "run", NO_FILES)).toEqual({});
  });

  test("lets a later scalar win and lists add up", () => {
    expect(
      dockerOptionsContainerFragment(
        ["--shm-size 64m", "--cap-add A", "--shm-size 1g", "--cap-add B"],
        "deploy",
        NO_FILES,
      ),
    ).toEqual({
      hostConfig: { ShmSize: 1024 ** 3, CapAdd: ["A", "B"] },
    });
  });

  test("takes env files in order, then -e on top", () => {
    const files = new Map([
      ["/etc/app/one.env", "# shared\nA=from-one\nB=from-one\n\n  C=spaced value \n"],
      ["/etc/app/two.env", "B=from-two\n"],
    ]);
    const options = ["--env-file /etc/app/one.env", "-e A=from-flag", "--env-file=/etc/app/two.env"];
    expect({
      files: dockerOptionsEnvFiles(options, "run"),
      fragment: dockerOptionsContainerFragment(options, "run", files),
    }).toEqual({
      files: ["/etc/app/one.env", "/etc/app/two.env"],
      fragment: { env: { A: "from-flag", B: "from-two", C: "spaced value " } },
    });
  });

  test("refuses an env file it was not given, and a bad line in one", () => {
    expect([
      dokkuErrorOf(() => dockerOptionsContainerFragment(["--env-file /etc/gone.env"], "deploy", NO_FILES)),
      dokkuErrorOf(() =>
        dockerOptionsContainerFragment(["--env-file /etc/x.env"], "deploy", new Map([["/etc/x.env", "A=1\nBARE\n"]])),
      ),
    ]).toEqual([
      "Env file /etc/gone.env (docker option --env-file) does not exist",
      "Invalid env file /etc/x.env line 2: expected KEY=VALUE",
    ]);
  });

  test("skips a stored option that does not apply to the phase, as Dokku's filters do", () => {
    expect(dockerOptionsContainerFragment(["--restart always", "--build-arg A=1", "--init"], "run", NO_FILES)).toEqual({
      hostConfig: { Init: true },
    });
  });

  test("fails on a stored option it cannot read, naming it", () => {
    expect(dokkuErrorOf(() => dockerOptionsContainerFragment(["--hostname web"], "deploy", NO_FILES))).toStartWith(
      "Cannot apply the deploy docker option '--hostname web' (remove it with docker-options:remove): Unsupported docker option '--hostname'; supported: --add-host,",
    );
  });
});

describe("dockerOptionsBuildOptions", () => {
  test("turns build options into the image build's options and skips container-only ones", () => {
    const options = [
      "--build-arg NODE_ENV=production",
      "--build-arg=EMPTY=",
      "--label team=web",
      "--network host",
      "--shm-size 128m",
      "--memory 1g",
      "--memory-swap 2g",
      "--no-cache",
      "--pull",
      "--target release",
      "-v /a:/b",
    ];
    expect(dockerOptionsBuildOptions(options)).toEqual({
      buildargs: { NODE_ENV: "production", EMPTY: "" },
      labels: { team: "web" },
      networkmode: "host",
      shmsize: 128 * 1024 ** 2,
      memory: 1024 ** 3,
      memswap: 2 * 1024 ** 3,
      nocache: true,
      pull: true,
      target: "release",
    });
  });

  test("is only empty build args and labels without options", () => {
    expect(dockerOptionsBuildOptions([])).toEqual({ buildargs: {}, labels: {} });
  });
});

describe("docker option values", () => {
  test("sizes use binary multiples and refuse nonsense", () => {
    expect({
      sizes: ["1024", "64m", "64M", "1.5g", "512mb", "2k", "1gib"].map((value) => parseSize("--shm-size", value)),
      bad: [dokkuErrorOf(() => parseSize("--shm-size", "lots")), dokkuErrorOf(() => parseSize("--shm-size", "0"))],
    }).toEqual({
      sizes: [1024, 64 * 1024 ** 2, 64 * 1024 ** 2, 1.5 * 1024 ** 3, 512 * 1024 ** 2, 2048, 1024 ** 3],
      bad: [
        "Invalid --shm-size value 'lots': expected a size such as 64m, 1g or 1048576",
        "Invalid --shm-size value '0': expected a size greater than 0",
      ],
    });
  });

  test("ulimits take a soft and an optional hard limit, soft no greater than hard", () => {
    expect({
      ok: [parseUlimit("--ulimit", "nofile=1024"), parseUlimit("--ulimit", "nproc=10:-1")],
      bad: ["nofile=2048:1024", "files=1", "nofile"].map(
        (value) => dokkuErrorOf(() => parseUlimit("--ulimit", value)).split(":")[0],
      ),
    }).toEqual({
      ok: [
        { Name: "nofile", Soft: 1024, Hard: 1024 },
        { Name: "nproc", Soft: 10, Hard: -1 },
      ],
      bad: [
        "Invalid --ulimit value 'nofile=2048",
        "Invalid --ulimit value 'files=1'",
        "Invalid --ulimit value 'nofile'",
      ],
    });
  });

  test("extra hosts need a name and an IP address", () => {
    expect({
      ok: [parseExtraHost("--add-host", "db:::1"), parseExtraHost("--add-host", "gw=host-gateway")],
      bad: dokkuErrorOf(() => parseExtraHost("--add-host", "db:not-an-ip")),
    }).toEqual({
      ok: ["db:::1", "gw:host-gateway"],
      bad: "Invalid --add-host value 'db:not-an-ip': expected host:ip (an IPv4/IPv6 address or host-gateway)",
    });
  });

  test("devices read as docker's parseDevice does", () => {
    expect([
      parseDevice("--device", "/dev/a:/dev/b"),
      parseDevice("--device", "/dev/a:r"),
      parseDevice("--device", "/dev/a:/dev/b:rw"),
    ]).toEqual([
      { PathOnHost: "/dev/a", PathInContainer: "/dev/b", CgroupPermissions: "rwm" },
      { PathOnHost: "/dev/a", PathInContainer: "/dev/a", CgroupPermissions: "r" },
      { PathOnHost: "/dev/a", PathInContainer: "/dev/b", CgroupPermissions: "rw" },
    ]);
  });

  test("gpus take all, a count, or device ids and a driver", () => {
    expect({
      ok: [
        parseGpus("--gpus", "2"),
        parseGpus("--gpus", '"device=0,1",driver=nvidia'),
        parseGpus("--gpus", "device=GPU-a,GPU-b"),
        parseGpus("--gpus", 'driver=nvidia,"capabilities=compute,utility"'),
      ].map(({ Count, DeviceIDs, Driver, Capabilities }) => ({ Count, DeviceIDs, Driver, Capabilities })),
      bad: [
        dokkuErrorOf(() => parseGpus("--gpus", "some")),
        dokkuErrorOf(() => parseGpus("--gpus", "count=0")),
        dokkuErrorOf(() => parseGpus("--gpus", "count=1,device=0")),
      ],
    }).toEqual({
      ok: [
        { Count: 2, DeviceIDs: [], Driver: "", Capabilities: [["gpu"]] },
        { Count: 0, DeviceIDs: ["0", "1"], Driver: "nvidia", Capabilities: [["gpu"]] },
        { Count: 0, DeviceIDs: ["GPU-a", "GPU-b"], Driver: "", Capabilities: [["gpu"]] },
        { Count: 1, DeviceIDs: [], Driver: "nvidia", Capabilities: [["compute", "utility", "gpu"]] },
      ],
      bad: [
        "Invalid --gpus value 'some': expected all, a count, or device=<ids>/count=<n>/driver=<name>/capabilities=<c> fields",
        "Invalid --gpus value 'count=0': expected all, a count, or device=<ids>/count=<n>/driver=<name>/capabilities=<c> fields",
        "Invalid --gpus value 'count=1,device=0': expected a count or device ids, not both",
      ],
    });
  });

  test("published ports take an optional address and host port, and refuse bad ports", () => {
    expect({
      ok: [parsePublish("-p", "5000"), parsePublish("-p", "80:5000/sctp")],
      bad: ["70000:5000", "1.2.3:80:5000", "web"].map((value) => dokkuErrorOf(() => parsePublish("-p", value))),
    }).toEqual({
      ok: [
        ["5000/tcp", { HostIp: "", HostPort: "" }],
        ["5000/sctp", { HostIp: "", HostPort: "80" }],
      ],
      bad: ["70000:5000", "1.2.3:80:5000", "web"].map(
        (value) =>
          `Invalid -p value '${value}': expected [ip:][host-port:]container-port[/tcp|udp|sctp] with ports from 1 to 65535`,
      ),
    });
  });

  test("env files keep values verbatim and skip comments and blank lines", () => {
    expect(parseEnvFile("/x.env", "A='quoted'\r\n#B=2\n\nC=a=b\n")).toEqual({ A: "'quoted'", C: "a=b" });
  });
});
