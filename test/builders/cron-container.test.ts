import { describe, expect, test } from "bun:test";
import { cronContainerSpec } from "../../src/builders/cron-container";

describe("cronContainerSpec", () => {
  test("is a one-off container named and typed cron, labelled with its task", () => {
    const spec = cronContainerSpec({
      app: "api",
      image: "dokku/api:latest",
      number: 42,
      env: new Map([["FOO", "bar"]]),
      command: ["echo", "hi"],
      ttlSeconds: 600,
      cronId: "abc",
      concurrencyPolicy: "forbid",
    });
    expect(spec).toEqual({
      name: "api.cron.42",
      Image: "dokku/api:latest",
      Cmd: ["echo", "hi"],
      Env: ["FOO=bar", "DYNO=cron.42"],
      Labels: {
        "com.dokku.app-name": "api",
        "com.dokku.container-type": "cron",
        "com.dokku.active-deadline-seconds": "600",
        "com.dokku.cron-id": "abc",
        "com.dokku.concurrency-policy": "forbid",
      },
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      AttachStdin: false,
      AttachStdout: true,
      AttachStderr: true,
    });
  });
});
