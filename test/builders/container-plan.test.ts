import { describe, expect, test } from "bun:test";
import { planContainers } from "../../src/builders/container-plan";

describe("planContainers", () => {
  test("plans web first with PORT 5000 and expanded commands, other types without PORT", () => {
    expect(
      planContainers({
        processes: { worker: "sleep 1000", web: "httpd -p $PORT" },
        formation: { worker: 1, web: 2 },
        startCmd: "",
        env: new Map(),
      }),
    ).toEqual({
      containers: [
        { processType: "web", index: 1, command: ["httpd", "-p", "5000"], port: "5000" },
        { processType: "web", index: 2, command: ["httpd", "-p", "5000"], port: "5000" },
        { processType: "worker", index: 1, command: ["sleep", "1000"], port: undefined },
      ],
      skipped: [],
      counts: { web: 2, worker: 1 },
    });
  });

  test("runs the image's CMD without a Procfile and uses a configured PORT", () => {
    expect(
      planContainers({ processes: {}, formation: { web: 1 }, startCmd: "", env: new Map([["PORT", "8080"]]) }),
    ).toEqual({
      containers: [{ processType: "web", index: 1, command: undefined, port: "8080" }],
      skipped: [],
      counts: { web: 1 },
    });
  });

  test("skips types missing from the Procfile, zero counts and types other than `only`", () => {
    expect(
      planContainers({
        processes: { web: "a", worker: "b" },
        formation: { clock: 1, web: 1, worker: 0 },
        startCmd: "",
        env: new Map(),
      }),
    ).toEqual({
      containers: [{ processType: "web", index: 1, command: ["a"], port: "5000" }],
      skipped: ["clock"],
      counts: { web: 1 },
    });
    expect(
      planContainers({
        processes: { web: "a", worker: "b" },
        formation: { web: 1, worker: 1 },
        only: "worker",
        startCmd: "",
        env: new Map(),
      }),
    ).toEqual({
      containers: [{ processType: "worker", index: 1, command: ["b"], port: undefined }],
      skipped: [],
      counts: { worker: 1 },
    });
  });

  test("dockerfile-start-cmd replaces every command", () => {
    expect(
      planContainers({ processes: { web: "a" }, formation: { web: 1 }, startCmd: "--port 9 x", env: new Map() }),
    ).toEqual({
      containers: [{ processType: "web", index: 1, command: ["--port", "9", "x"], port: "5000" }],
      skipped: [],
      counts: { web: 1 },
    });
  });
});
