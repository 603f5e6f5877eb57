/**
 * What a lost task costs a swarm app (the single-node stand-in for a node dying): an app on the
 * swarm scheduler at web=N (2) behind its router, under constant load straight at the router;
 * one running task's container is SIGKILLed behind Swarm's back, and again 3 s after Swarm ran the
 * replacement (K kills, 3).
 * Prints the requests served and failed (by kind) during the kills, and for each kill how long
 * Swarm took to run N healthy tasks again. A control row runs the same load without kills.
 * It never asserts; it exits non-zero only when it cannot set up (no Docker, no base image).
 *
 *   node_modules/.bin/bun bench/swarm-failover.ts [--replicas N] [--kills K] [--client bun|wrk]
 *
 * It inits a single-node swarm on 127.0.0.1 unless the engine is in one (left again at the end),
 * under the same machine-wide lock as the swarm tests. State lives in temp roots; the app's
 * services, router, network and image are removed at the end, whatever happens.
 * BENCH_ROUTER_LOG=1 prints the router's error log at the end (what each failed request met).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { currentRouter } from "../src/plugins/scheduler-swarm/router";
import { schedulerNamed } from "../src/plugins/scheduler/select-scheduler";
import { tempRoots } from "../test/harness";
import { testContext } from "../test/plugins/apps/context";
import {
  buildTestImage,
  docker,
  removeAppLeftovers,
  setSettleSeconds,
  testRelease,
} from "../test/plugins/scheduler-docker-local/fixture";
import { enterSwarm } from "../test/plugins/scheduler-swarm/swarm-fixture";
import { failureCount, startLoad, type LoadClient, type LoadResult } from "./lib/load";

const swarmScheduler = schedulerNamed("swarm");

const { values: options } = parseArgs({
  options: {
    replicas: { type: "string", default: "2" },
    kills: { type: "string", default: "3" },
    client: { type: "string", default: "bun" },
    connections: { type: "string", default: "2" },
  },
});
const replicas = Number(options.replicas);
const kills = Number(options.kills);
const connections = Number(options.connections);
if (!Number.isInteger(replicas) || replicas < 2)
  throw new Error(`--replicas must be 2 or more (one task is killed at a time), got ${options.replicas}`);
if (!Number.isInteger(kills) || kills < 1 || kills > 20) throw new Error(`--kills must be 1-20, got ${options.kills}`);
if (options.client !== "bun" && options.client !== "wrk")
  throw new Error(`--client must be bun or wrk, got ${options.client}`);
const client = options.client as LoadClient;

const app = `bench-failover-${process.pid}`;
const KILL_EVERY_MS = 6_000;
/** After Swarm reports the replacement running, Docker's DNS takes a moment to list it: the next kill waits this long. */
const SETTLE_MS = 3_000;
const RECOVERY_LIMIT_MS = 60_000;

async function runningTasks(): Promise<Array<{ id: string; container: string }>> {
  const engine = await docker();
  const tasks = (await engine.listTasks({
    filters: { service: [`${app}-web`], "desired-state": ["running"] },
  })) as Array<{
    ID: string;
    Status?: { State?: string; ContainerStatus?: { ContainerID?: string } };
  }>;
  return tasks
    .filter((task) => task.Status?.State === "running")
    .map((task) => ({ id: task.ID, container: task.Status?.ContainerStatus?.ContainerID ?? "" }));
}

function describe(result: LoadResult): string {
  const failed = failureCount(result);
  const kinds = [...result.failures].map(([kind, count]) => `${kind} x${count}`).join(", ");
  return `${result.requests - failed} ok, ${failed} failed${kinds ? ` (${kinds})` : ""} in ${result.seconds.toFixed(1)} s; p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`;
}

const leave = await enterSwarm();
const roots = tempRoots();
const { ctx } = testContext(roots.env);
const engine = await docker();
try {
  const image = await buildTestImage(engine, app);
  mkdirSync(join(roots.env.DOKKU_ROOT as string, app), { recursive: true });
  setSettleSeconds(roots.env.DOKKU_LIB_ROOT as string, 1);
  await swarmScheduler.deploy(ctx, app, testRelease(app, image, { web: "httpd -f -p $PORT -h /www" }, 1), {
    web: replicas,
  });
  const router = await currentRouter(engine, app);
  if (!router) throw new Error("the app has no router after its deploy");
  const url = `http://${router.upstream.address}:5000/index.html`;
  console.log(
    `swarm failover: web=${replicas} behind the router (${url}), ${connections} ${client} connections, new connection per request`,
  );

  const control = startLoad(client, { url, keepAlive: false }, connections);
  await Bun.sleep(KILL_EVERY_MS);
  console.log(`  control, no kills:  ${describe(await control.stop())}`);

  const load = startLoad(client, { url, keepAlive: false }, connections);
  const recoveries: number[] = [];
  for (let kill = 0; kill < kills; kill++) {
    const [victim] = await runningTasks();
    if (!victim) throw new Error("no running task to kill");
    const killedAt = performance.now();
    await engine.getContainer(victim.container).kill({ signal: "SIGKILL" });
    for (;;) {
      const tasks = await runningTasks();
      if (tasks.length === replicas && !tasks.some((task) => task.id === victim.id)) break;
      if (performance.now() - killedAt > RECOVERY_LIMIT_MS)
        throw new Error(`Swarm did not replace a killed task within ${RECOVERY_LIMIT_MS / 1000} s`);
      await Bun.sleep(100);
    }
    recoveries.push((performance.now() - killedAt) / 1000);
    await Bun.sleep(Math.max(SETTLE_MS, KILL_EVERY_MS - (performance.now() - killedAt)));
  }
  console.log(`  ${kills} tasks killed:    ${describe(await load.stop())}`);
  console.log(
    `  back to ${replicas} healthy tasks after each kill: ${recoveries.map((seconds) => `${seconds.toFixed(1)} s`).join(", ")}`,
  );
  if (process.env.BENCH_ROUTER_LOG) {
    const raw = (await engine
      .getContainer(router.id)
      .logs({ stdout: true, stderr: true, timestamps: true })) as unknown as Buffer;
    console.log(
      raw
        .toString("utf8")
        .replace(/[\x00-\x08]/g, "")
        .slice(-6000),
    );
  }
} finally {
  await swarmScheduler.destroy(ctx, app).catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
  await removeAppLeftovers(engine, app);
  roots[Symbol.dispose]();
  await leave();
}
