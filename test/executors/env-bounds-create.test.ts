import { describe, expect, test } from "bun:test";
import { swarmServiceSpec, type SwarmServiceInput } from "../../src/builders/swarm-service-spec";
import { imageBuildOptions } from "../../src/builders/build-options";
import type { DockerClient } from "../../src/executors/docker/client";
import { createAndStart } from "../../src/executors/docker/containers";
import { runContainer } from "../../src/executors/docker/run-container";
import { dokkuErrorOf, dokkuErrorOfAsync } from "../harness";

const KIB = 1024;
const BIG = `BIG=${"x".repeat(100 * KIB)}`;
const REFUSAL = `Value of BIG is ${100 * KIB} bytes; config values are limited to 65536 bytes`;

/** A client that fails the test if anything reaches Docker. */
function untouchable(): { client: DockerClient; calls: string[] } {
  const calls: string[] = [];
  const client = new Proxy({}, { get: (_target, name) => () => calls.push(String(name)) }) as unknown as DockerClient;
  return { client, calls };
}

describe("every container with an app's environment is checked before Docker is asked (issue 12)", () => {
  test("createAndStart (deploy, run:detached, cron --detach) refuses before creating", async () => {
    const { client, calls } = untouchable();
    const spec = { Image: "dokku/shop:v1", Env: ["DYNO=web.1", BIG], Labels: { "com.dokku.app-name": "shop" } };
    expect([await dokkuErrorOfAsync(() => createAndStart(client, spec)), calls]).toEqual([REFUSAL, []]);
  });

  test("runContainer (release tasks, run, cron:run) refuses before creating, the total counting what the deploy added", async () => {
    const { client, calls } = untouchable();
    const heavy = Array.from({ length: 5 }, (_, at) => `K${at}=${"v".repeat(60 * KIB)}`);
    expect([
      await dokkuErrorOfAsync(() =>
        runContainer(
          client,
          { Image: "x", Env: heavy, Labels: { "com.dokku.app-name": "shop" } },
          { onStdout: () => undefined, onStderr: () => undefined },
        ),
      ),
      calls,
    ]).toEqual([
      `The environment of a shop container is ${5 * (3 + 60 * KIB)} bytes (KEY=value, all together); the limit is 278528 bytes`,
      [],
    ]);
  });

  test("a swarm service spec and an image build's args are refused the same way", () => {
    const service: SwarmServiceInput = {
      app: "shop",
      processType: "web",
      release: { id: 1, image: "dokku/shop:v1" },
      replicas: 1,
      env: new Map([["BIG", "x".repeat(100 * KIB)]]),
      port: "5000",
      command: undefined,
      restartPolicy: "no",
      init: false,
      fragments: [],
      checks: { processType: "web", source: "default", startup: [], notEnforced: [], untyped: [] },
      settings: {},
    };
    const build = {
      app: "shop",
      tag: "v1",
      builder: "dockerfile",
      dockerfile: "Dockerfile",
      buildArgs: { BIG: "x".repeat(100 * KIB) },
    };
    expect([dokkuErrorOf(() => swarmServiceSpec(service)), dokkuErrorOf(() => imageBuildOptions(build))]).toEqual([
      REFUSAL,
      REFUSAL,
    ]);
  });
});
