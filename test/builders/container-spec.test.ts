import { describe, expect, test } from "bun:test";
import {
  isRetiringName,
  isTransientName,
  isUpcomingName,
  retiringContainerName,
  deployContainerName,
  deployContainerSpec,
  isValidRestartPolicy,
  restartPolicyOption,
  runContainerSpec,
  upcomingContainerName,
} from "../../src/builders/container-spec";

const base = {
  app: "shop",
  processType: "web",
  index: 2,
  releaseId: 7,
  deployId: "7-abc",
  image: "dokku/shop:v7",
  name: "shop.web.2.upcoming-7-abc",
  env: new Map([
    ["FOO", "bar"],
    ["DYNO", "ignored"],
  ]),
  port: "5000",
  command: ["httpd", "-f", "-p", "5000"],
  restartPolicy: "on-failure:10",
  init: true,
};

describe("deployContainerSpec", () => {
  test("labels the container, sets DYNO and PORT after the config and runs the command", () => {
    expect(deployContainerSpec(base)).toEqual({
      name: "shop.web.2.upcoming-7-abc",
      Image: "dokku/shop:v7",
      Cmd: ["httpd", "-f", "-p", "5000"],
      Env: ["FOO=bar", "DYNO=web.2", "PORT=5000"],
      Labels: {
        "com.dokku.app-name": "shop",
        "com.dokku.container-type": "deploy",
        "com.dokku.process-type": "web",
        "com.dokku.dyno": "web.2",
        "com.dokku.release-id": "7",
        "com.dokku.deploy-id": "7-abc",
      },
      HostConfig: { Init: true, RestartPolicy: { Name: "on-failure", MaximumRetryCount: 10 } },
    });
  });

  test("leaves Cmd out (the image's CMD runs) and sets no PORT when none is given", () => {
    expect(
      deployContainerSpec({
        ...base,
        processType: "worker",
        index: 1,
        command: undefined,
        port: undefined,
        init: false,
        restartPolicy: "always",
        env: new Map(),
      }),
    ).toEqual({
      name: "shop.web.2.upcoming-7-abc",
      Image: "dokku/shop:v7",
      Env: ["DYNO=worker.1"],
      Labels: {
        "com.dokku.app-name": "shop",
        "com.dokku.container-type": "deploy",
        "com.dokku.process-type": "worker",
        "com.dokku.dyno": "worker.1",
        "com.dokku.release-id": "7",
        "com.dokku.deploy-id": "7-abc",
      },
      HostConfig: { Init: false, RestartPolicy: { Name: "always" } },
    });
  });
});

describe("runContainerSpec", () => {
  test("builds a one-off container with the run labels, DYNO=run.N and the -e extras last", () => {
    expect(
      runContainerSpec({
        app: "shop",
        image: "dokku/shop:v7",
        name: "shop.run.42",
        number: 42,
        env: new Map([["FOO", "bar"]]),
        extraEnv: ["FOO=override"],
        command: ["sh", "-c", "exit 3"],
        tty: false,
        ttlSeconds: 86400,
      }),
    ).toEqual({
      name: "shop.run.42",
      Image: "dokku/shop:v7",
      Cmd: ["sh", "-c", "exit 3"],
      Env: ["FOO=bar", "DYNO=run.42", "FOO=override"],
      Labels: {
        "com.dokku.app-name": "shop",
        "com.dokku.container-type": "run",
        "com.dokku.active-deadline-seconds": "86400",
      },
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      AttachStdin: false,
      AttachStdout: true,
      AttachStderr: true,
    });
  });

  test("opens stdin with a TTY and labels a Procfile process type", () => {
    expect(
      runContainerSpec({
        app: "a",
        image: "i",
        name: "a.run.1",
        number: 1,
        env: new Map(),
        extraEnv: [],
        command: ["sh"],
        tty: true,
        processType: "worker",
        ttlSeconds: 60,
      }),
    ).toEqual({
      name: "a.run.1",
      Image: "i",
      Cmd: ["sh"],
      Env: ["DYNO=run.1"],
      Labels: {
        "com.dokku.app-name": "a",
        "com.dokku.container-type": "run",
        "com.dokku.active-deadline-seconds": "60",
        "com.dokku.process-type": "worker",
      },
      Tty: true,
      OpenStdin: true,
      StdinOnce: true,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
    });
  });
});

describe("container names and restart policies", () => {
  test("names containers as Dokku does", () => {
    expect([deployContainerName("shop", "web", 1), upcomingContainerName("shop", "web", 1, "3-x")]).toEqual([
      "shop.web.1",
      "shop.web.1.upcoming-3-x",
    ]);
  });

  test("turns a restart policy into Docker's option", () => {
    expect(["no", "on-failure", "on-failure:3"].map(restartPolicyOption)).toEqual([
      { Name: "no" },
      { Name: "on-failure" },
      { Name: "on-failure", MaximumRetryCount: 3 },
    ]);
  });

  test("accepts only Dokku's restart policies", () => {
    expect(
      ["no", "always", "unless-stopped", "on-failure", "on-failure:20", "sometimes", "on-failure:x", ""].map(
        isValidRestartPolicy,
      ),
    ).toEqual([true, true, true, true, true, false, false, false]);
  });
});

describe("container name markers", () => {
  test("a retiring name carries the mark, the time and the short id; the predicates read both marks", () => {
    const retiring = retiringContainerName("shop.web.1", 1700000000, "0123456789abcdef");
    const upcoming = upcomingContainerName("shop", "web", 1, "3-abc123");
    expect({
      retiring,
      upcoming,
      flags: [retiring, upcoming, "shop.web.1"].map((name) => [
        isRetiringName(name),
        isUpcomingName(name),
        isTransientName(name),
      ]),
    }).toEqual({
      retiring: "shop.web.1.retiring-1700000000-0123456789ab",
      upcoming: "shop.web.1.upcoming-3-abc123",
      flags: [
        [true, false, true],
        [false, true, true],
        [false, false, false],
      ],
    });
  });
});
