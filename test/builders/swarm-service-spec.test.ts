import { describe, expect, test } from "bun:test";
import { planContainers } from "../../src/builders/container-plan";
import { defaultCheck, type CheckPlan } from "../../src/builders/healthcheck-plan";
import {
  escapeTemplate,
  servicesOfPlan,
  swarmRestartPolicy,
  swarmServiceName,
  swarmServiceSpec,
  type SwarmServiceInput,
} from "../../src/builders/swarm-service-spec";

const S = 1_000_000_000;

const uptimeChecks: CheckPlan = {
  processType: "web",
  source: "default",
  startup: [defaultCheck({ defaultWait: 10, port: 5000 })],
  notEnforced: [],
  untyped: [],
};

const base: SwarmServiceInput = {
  app: "shop",
  processType: "web",
  release: { id: 7, image: "dokku/shop:v7" },
  replicas: 2,
  env: new Map([
    ["FOO", "bar"],
    ["DYNO", "ignored"],
  ]),
  port: "5000",
  command: ["httpd", "-f", "-p", "5000"],
  restartPolicy: "on-failure:10",
  init: true,
  fragments: [],
  checks: uptimeChecks,
  settings: {},
};

const labels = {
  "com.dokku.app-name": "shop",
  "com.dokku.container-type": "swarm",
  "com.dokku.process-type": "web",
  "com.dokku.release-id": "7",
};

const defaultUpdate = {
  Parallelism: 1,
  Delay: 0,
  FailureAction: "rollback",
  Monitor: 10 * S,
  MaxFailureRatio: 0,
  Order: "start-first",
};

describe("swarmServiceSpec", () => {
  test("builds a replicated web service reached by dns round robin, publishing nothing, when given the defaults", () => {
    expect(swarmServiceSpec(base)).toEqual({
      spec: {
        Name: "shop-web",
        Labels: labels,
        TaskTemplate: {
          ContainerSpec: {
            Image: "dokku/shop:v7",
            Labels: labels,
            Hostname: "shop.web.{{.Task.Slot}}",
            Env: ["FOO=bar", "DYNO=web.{{.Task.Slot}}", "PORT=5000"],
            Init: true,
            Args: ["httpd", "-f", "-p", "5000"],
          },
          RestartPolicy: { Condition: "on-failure", MaxAttempts: 10 },
        },
        Mode: { Replicated: { Replicas: 2 } },
        UpdateConfig: defaultUpdate,
        RollbackConfig: { ...defaultUpdate, FailureAction: "pause" },
        EndpointSpec: { Mode: "dnsrr" },
      },
      unsupported: [],
      skippedChecks: [],
    });
  });

  test("publishes nothing and runs the image's CMD when the type is not web and has no command", () => {
    const { spec } = swarmServiceSpec({
      ...base,
      processType: "worker",
      port: undefined,
      command: undefined,
      replicas: 0,
      init: false,
    });
    const workerLabels = { ...labels, "com.dokku.process-type": "worker" };
    expect(spec).toEqual({
      Name: "shop-worker",
      Labels: workerLabels,
      TaskTemplate: {
        ContainerSpec: {
          Image: "dokku/shop:v7",
          Labels: workerLabels,
          Hostname: "shop.worker.{{.Task.Slot}}",
          Env: ["FOO=bar", "DYNO=worker.{{.Task.Slot}}"],
          Init: false,
        },
        RestartPolicy: { Condition: "on-failure", MaxAttempts: 10 },
      },
      Mode: { Replicated: { Replicas: 0 } },
      UpdateConfig: defaultUpdate,
      RollbackConfig: { ...defaultUpdate, FailureAction: "pause" },
      EndpointSpec: { Mode: "dnsrr" },
    });
  });

  test("orders env as config, plugin env, fragment env, DYNO and PORT, the first of a key winning, when all set some", () => {
    const { spec } = swarmServiceSpec({
      ...base,
      env: new Map([
        ["A", "1"],
        ["PORT", "5000"],
      ]),
      extras: {
        labels: new Map(),
        env: new Map([
          ["A", "plugin"],
          ["B", "2"],
        ]),
      },
      fragments: [{ env: { B: "fragment", C: "3" } }, { env: { C: "later" } }],
    });
    expect(
      spec.TaskTemplate && "ContainerSpec" in spec.TaskTemplate ? spec.TaskTemplate.ContainerSpec?.Env : undefined,
    ).toEqual(["A=1", "B=2", "C=3", "DYNO=web.{{.Task.Slot}}", "PORT=5000"]);
  });

  test("escapes template braces in config values and mount paths when they contain {{", () => {
    const { spec } = swarmServiceSpec({
      ...base,
      env: new Map([["T", "a{{.Task.Slot}}b"]]),
      fragments: [{ binds: ["/srv/{{x}}:/data"] }],
    });
    const container =
      spec.TaskTemplate && "ContainerSpec" in spec.TaskTemplate ? spec.TaskTemplate.ContainerSpec : undefined;
    expect([container?.Env, container?.Mounts]).toEqual([
      ['T=a{{"{{"}}.Task.Slot}}b', "DYNO=web.{{.Task.Slot}}", "PORT=5000"],
      [{ Type: "bind", Source: '/srv/{{"{{"}}x}}', Target: "/data" }],
    ]);
  });

  test("puts plugin and fragment labels on the containers only, dokku's winning, when reserved ones are given", () => {
    const { spec } = swarmServiceSpec({
      ...base,
      extras: {
        labels: new Map([
          ["team", "a"],
          ["com.dokku.app-name", "evil"],
        ]),
        env: new Map(),
      },
      fragments: [{ labels: { tier: "front", "com.dokku.release-id": "99" } }],
    });
    const container =
      spec.TaskTemplate && "ContainerSpec" in spec.TaskTemplate ? spec.TaskTemplate.ContainerSpec : undefined;
    expect([spec.Labels, container?.Labels]).toEqual([labels, { team: "a", tier: "front", ...labels }]);
  });

  test("maps fragments to mounts, resources, networks, log driver and restart policy when day-2 plugins set them", () => {
    const { spec, unsupported } = swarmServiceSpec({
      ...base,
      fragments: [
        { binds: ["/var/lib/dokku/data/storage/shop:/app/storage"] },
        { hostConfig: { Memory: 512 * 1024 * 1024, NanoCpus: 500_000_000, MemoryReservation: 256 * 1024 * 1024 } },
        {
          hostConfig: {
            LogConfig: { Type: "json-file", Config: { "max-size": "10m" } },
            RestartPolicy: { Name: "always" },
            Privileged: true,
          },
        },
        { hostConfig: { NetworkMode: "shop-net" }, networks: [{ name: "shop-net", aliases: ["shop.web"] }] },
      ],
      settings: {
        network: "dokku-swarm",
        constraints: ["node.role==worker"],
        updateParallelism: 2,
        updateDelaySeconds: 3,
        updateOrder: "stop-first",
        stopTimeoutSeconds: 30,
      },
    });
    const update = {
      Parallelism: 2,
      Delay: 3 * S,
      FailureAction: "rollback",
      Monitor: 10 * S,
      MaxFailureRatio: 0,
      Order: "stop-first",
    };
    expect({ spec, unsupported }).toEqual({
      spec: {
        Name: "shop-web",
        Labels: labels,
        TaskTemplate: {
          ContainerSpec: {
            Image: "dokku/shop:v7",
            Labels: labels,
            Hostname: "shop.web.{{.Task.Slot}}",
            Env: ["FOO=bar", "DYNO=web.{{.Task.Slot}}", "PORT=5000"],
            Init: true,
            Args: ["httpd", "-f", "-p", "5000"],
            Mounts: [{ Type: "bind", Source: "/var/lib/dokku/data/storage/shop", Target: "/app/storage" }],
            StopGracePeriod: 30 * S,
          },
          RestartPolicy: { Condition: "any" },
          Resources: {
            Limits: { NanoCPUs: 500_000_000, MemoryBytes: 512 * 1024 * 1024 },
            Reservations: { MemoryBytes: 256 * 1024 * 1024 },
          },
          Placement: { Constraints: ["node.role==worker"] },
          Networks: [
            { Target: "dokku-swarm", Aliases: ["shop.web"] },
            { Target: "shop-net", Aliases: ["shop.web"] },
          ],
          LogDriver: { Name: "json-file", Options: { "max-size": "10m" } },
        },
        Mode: { Replicated: { Replicas: 2 } },
        UpdateConfig: update,
        RollbackConfig: { ...update, Delay: 0, FailureAction: "pause" },
        EndpointSpec: { Mode: "dnsrr" },
      },
      unsupported: ["HostConfig.Privileged"],
    });
  });

  test("merges the aliases when a fragment names the swarm network too", () => {
    const { spec } = swarmServiceSpec({
      ...base,
      fragments: [{ networks: [{ name: "dokku-swarm", aliases: ["shop.web", "extra"] }] }],
      settings: { network: "dokku-swarm" },
    });
    expect(spec.TaskTemplate?.Networks).toEqual([{ Target: "dokku-swarm", Aliases: ["shop.web", "extra"] }]);
  });

  test("turns the checks into a HEALTHCHECK and the update monitor when app.json has a path check", () => {
    const checks: CheckPlan = {
      processType: "web",
      source: "app.json",
      startup: [
        {
          name: "index",
          type: "startup",
          kind: "path",
          path: "/health",
          scheme: "http",
          port: 5000,
          attempts: 3,
          timeout: 2,
          wait: 1,
          initialDelay: 4,
          uptime: 0,
          warn: false,
        },
      ],
      notEnforced: [],
      untyped: [],
    };
    const { spec, skippedChecks } = swarmServiceSpec({ ...base, checks });
    const container =
      spec.TaskTemplate && "ContainerSpec" in spec.TaskTemplate ? spec.TaskTemplate.ContainerSpec : undefined;
    expect([container?.HealthCheck, spec.UpdateConfig?.Monitor, skippedChecks]).toEqual([
      {
        Test: ["CMD-SHELL", "wget -q -O - 'http://127.0.0.1:5000/health' >/dev/null || exit 1"],
        Interval: 1 * S,
        Timeout: 2 * S,
        Retries: 3,
        StartPeriod: 4 * S,
      },
      5 * S,
      [],
    ]);
  });

  test("lists PORT as unsupported when the config's PORT of web is not a port number", () => {
    for (const port of ["abc", "0", "70000", "50.5"]) {
      const { spec, unsupported } = swarmServiceSpec({ ...base, port });
      expect([spec.EndpointSpec, unsupported]).toEqual([{ Mode: "dnsrr" }, [`PORT ${port}`]]);
    }
  });
});

describe("swarmRestartPolicy", () => {
  test("maps each ps restart-policy to a task restart condition", () => {
    expect(["no", "always", "unless-stopped", "on-failure", "on-failure:3"].map(swarmRestartPolicy)).toEqual([
      { Condition: "none" },
      { Condition: "any" },
      { Condition: "any" },
      { Condition: "on-failure" },
      { Condition: "on-failure", MaxAttempts: 3 },
    ]);
  });
});

describe("swarmServiceName", () => {
  test("joins app and process type with a dash", () => {
    expect(swarmServiceName("shop", "worker")).toBe("shop-worker");
  });
});

describe("escapeTemplate", () => {
  test("writes every {{ as a template that prints it and leaves other text alone", () => {
    expect([escapeTemplate("a{{b{{{c}}"), escapeTemplate("plain }} text")]).toEqual([
      'a{{"{{"}}b{{"{{"}}{c}}',
      "plain }} text",
    ]);
  });
});

describe("servicesOfPlan", () => {
  test("gives one service per running type with its count, argv and PORT when the plan has several", () => {
    const plan = planContainers({
      processes: { web: "httpd -p $PORT", worker: "sleep 9", clock: "tick" },
      formation: { web: 2, worker: 1, clock: 0 },
      startCmd: "",
      env: new Map(),
    });
    expect(servicesOfPlan(plan)).toEqual([
      { processType: "web", replicas: 2, command: ["httpd", "-p", "5000"], port: "5000" },
      { processType: "worker", replicas: 1, command: ["sleep", "9"], port: undefined },
    ]);
  });
});
