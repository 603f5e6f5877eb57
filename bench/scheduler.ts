/**
 * Deploy time on the docker-local scheduler against the swarm scheduler (issue 7), in one run:
 * for web=1 and web=4, `--rounds` rounds (3) of a first deploy of release 1, a redeploy of
 * release 2, and (unless --no-scale) a scale of release 2 to one more web, each a direct call of
 * the scheduler's `deploy` (what a push, and `ps:scale`, end in). Both run the same app.json
 * startup check; the bench prints which checks run and how. Prints figures and ratios; it never
 * asserts, and exits non-zero only when it cannot set up or measure (a deploy fails).
 *
 *   node_modules/.bin/bun bench/scheduler.ts [--rounds 3] [--no-scale]
 *
 * Needs Docker, the local `dokku-test/busybox:latest` image (bun test/base-image.ts; it never
 * pulls) and /usr/sbin/nginx (the swarm app's router is the host's nginx). Swarm through
 * test/plugins/scheduler-swarm/swarm-fixture.ts `enterSwarm` (the machine's swarm lock; a
 * single-node swarm on 127.0.0.1, left afterwards when it made it). State lives in temp roots;
 * the two apps' services, containers, routers, networks and images are removed at the end, also
 * on failure and SIGINT/SIGTERM.
 */
import type { HealthConfig } from "dockerode";
import { existsSync, mkdirSync } from "node:fs";
import { availableParallelism, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { HealthCheck } from "../src/builders/app-json-types";
import { memorySink } from "../src/core/output";
import type { DockerClient } from "../src/executors/docker/client";
import { listNetworks } from "../src/executors/docker/networks";
import { listAppServices, removeService } from "../src/executors/docker/services";
import { defaultAppNetwork } from "../src/plugins/scheduler-swarm/app-network";
import { checkPlanFor, describeCheck } from "../src/plugins/checks/run-checks";
import type { Formation, Release } from "../src/plugins/deploy/contracts";
import { schedulerNamed } from "../src/plugins/scheduler/select-scheduler";
import type { Scheduler } from "../src/plugins/scheduler/scheduler";
import { createContext } from "../src/runtime/create-context";
import { textInput } from "../src/runtime/process-input";
import { tempRoots } from "../test/harness";
import {
  buildTestImage,
  docker as connectDocker,
  removeAppLeftovers,
  setSettleSeconds,
} from "../test/plugins/scheduler-docker-local/fixture";
import { enterSwarm } from "../test/plugins/scheduler-swarm/swarm-fixture";
import {
  positiveInt,
  renderTable,
  scaledWeb,
  schedulerOrder,
  summarize,
  type Phase,
  type Sample,
  type SchedulerName,
} from "./lib/scheduler-figures";

const dockerLocalScheduler = schedulerNamed("docker-local");
const swarmScheduler = schedulerNamed("swarm");

const BASE_IMAGE = "dokku-test/busybox:latest";
const ROUTER_IMAGE = "dokku/swarm-router:latest";
const WEBS = [1, 4] as const;
/** Any one deploy taking longer than this stops the bench (Swarm's own bound is 300 s). */
const DEPLOY_TIMEOUT_MS = 120_000;
/** The same startup check on both schedulers: docker-local GETs it from the host, Swarm runs it as the HEALTHCHECK. */
const CHECK: HealthCheck = { type: "startup", name: "bench", path: "/index.html", attempts: 3, wait: 1, timeout: 1 };
const PROCESSES = { web: "httpd -f -p $PORT -h /www" };

const { values: options } = parseArgs({
  options: { rounds: { type: "string", default: "3" }, scale: { type: "boolean", default: true } },
  allowNegative: true,
});
const rounds = positiveInt(options.rounds, "--rounds", 20);
const phases: readonly Phase[] = options.scale ? ["first deploy", "redeploy", "scale"] : ["first deploy", "redeploy"];

const SUBJECTS: Record<SchedulerName, { scheduler: Scheduler; app: string }> = {
  "docker-local": { scheduler: dockerLocalScheduler, app: `bench-sched-local-${process.pid}` },
  swarm: { scheduler: swarmScheduler, app: `bench-sched-swarm-${process.pid}` },
};

function release(app: string, image: string, id: number): Release {
  return {
    id,
    app,
    image,
    builder: "dockerfile",
    source: "image",
    createdAt: new Date().toISOString(),
    processes: PROCESSES,
    appJson: { healthchecks: { web: [CHECK] } },
  };
}

/** `work`'s wall time in ms; throws when it fails or outlasts DEPLOY_TIMEOUT_MS. */
async function timed(what: string, work: () => Promise<unknown>): Promise<number> {
  const start = Bun.nanoseconds();
  let timer: Timer | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} took longer than ${DEPLOY_TIMEOUT_MS / 1000} s`)),
      DEPLOY_TIMEOUT_MS,
    );
  });
  const running = work();
  running.catch(() => undefined); // a deploy that outlasted the bound may still fail later
  try {
    await Promise.race([running, timeout]);
  } finally {
    clearTimeout(timer);
  }
  return (Bun.nanoseconds() - start) / 1e6;
}

async function output(argv: string[]): Promise<string> {
  const child = Bun.spawn(argv, { stdin: "ignore", stdout: "pipe", stderr: "ignore" });
  return (await new Response(child.stdout).text()).trim();
}

/** How long a removed overlay network may stay listed on this node. */
const NETWORK_GONE_TIMEOUT_MS = 30_000;

/**
 * Waits until the swarm app's removed overlay network is no longer listed here; the ms it took.
 * A deploy right after a destroy otherwise finds the old network still listed, uses its name,
 * and Swarm refuses the service ("network ... not found").
 */
async function networkGone(client: DockerClient, app: string): Promise<number> {
  const start = performance.now();
  const deadline = Date.now() + NETWORK_GONE_TIMEOUT_MS;
  while ((await listNetworks(client)).some((network) => network.Name === defaultAppNetwork(app))) {
    if (Date.now() > deadline)
      throw new Error(
        `the overlay network ${defaultAppNetwork(app)} was still listed ${NETWORK_GONE_TIMEOUT_MS / 1000} s after its removal`,
      );
    await Bun.sleep(100);
  }
  return performance.now() - start;
}

/** Whatever the apps left: services, containers (routers too), their overlay networks, their images. */
async function removeEverything(client: DockerClient): Promise<void> {
  for (const { app } of Object.values(SUBJECTS)) {
    for (const service of await listAppServices(client, app).catch(() => []))
      await removeService(client, service.ID).catch(() => undefined);
    await removeAppLeftovers(client, app);
    const networks = await client.listNetworks({ filters: { label: [`com.dokku.app-name=${app}`] } }).catch(() => []);
    for (const network of networks)
      await client
        .getNetwork(network.Id)
        .remove()
        .catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const client = await connectDocker();
  if (
    !(await client
      .getImage(BASE_IMAGE)
      .inspect()
      .then(
        () => true,
        () => false,
      ))
  )
    throw new Error(`bench/scheduler.ts needs Docker and the local ${BASE_IMAGE} image (bun test/base-image.ts)`);
  if (!existsSync("/usr/sbin/nginx"))
    throw new Error("bench/scheduler.ts needs /usr/sbin/nginx (the swarm app's router runs the host's nginx)");
  const benchStart = performance.now();
  const roots = tempRoots();
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...roots.env };
  const ctx = createContext({
    env,
    flags: { quiet: true, trace: false, force: false },
    sink: memorySink(),
    input: textInput(""),
  });
  const routerImageBefore = await client
    .getImage(ROUTER_IMAGE)
    .inspect()
    .then(
      () => true,
      () => false,
    );
  let leave: (() => Promise<void>) | undefined;
  let cleaning: Promise<void> | undefined;
  let interrupted = false;
  const cleanup = () => (cleaning ??= removeAll());
  const removeAll = async () => {
    for (const { scheduler, app } of Object.values(SUBJECTS)) await scheduler.destroy(ctx, app).catch(() => undefined);
    // a second sweep: a deploy still running when a signal came may have made more meanwhile
    await removeEverything(client);
    await Bun.sleep(500);
    await removeEverything(client);
    if (!routerImageBefore)
      await client
        .getImage(ROUTER_IMAGE)
        .remove({ force: true })
        .catch(() => undefined);
    await leave?.().catch(() => undefined);
    roots[Symbol.dispose]();
  };
  // a deploy under way when the signal comes fails once its services go: only the cleanup ends the process
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      interrupted = true;
      void cleanup().finally(() => process.exit(130));
    });
  }
  try {
    const info = await client.version();
    const mem = `${(totalmem() / 2 ** 30).toFixed(1)} GiB`;
    console.log(
      `machine: nproc ${await output(["nproc"])} (${availableParallelism()} usable), ${mem} memory, load average ${loadavg()
        .map((value) => value.toFixed(2))
        .join(" ")}; ${await output(["uname", "-sr"])}`,
    );
    console.log(`docker ${info.Version} (API ${info.ApiVersion}); Bun ${Bun.version}`);
    const lockStart = Date.now();
    const note = setTimeout(
      () => console.log("waiting for the machine's swarm lock (another swarm test holds it) ..."),
      2_000,
    );
    leave = await enterSwarm().finally(() => clearTimeout(note));
    const waited = (Date.now() - lockStart) / 1000;
    // enterSwarm inits a swarm only when the engine is in none: a cluster made after we asked is ours
    const cluster = ((await client.info()) as { Swarm?: { Cluster?: { CreatedAt?: string } } }).Swarm?.Cluster
      ?.CreatedAt;
    const made = cluster !== undefined && Date.parse(cluster) >= lockStart - 1000;
    console.log(
      `swarm: single-node on 127.0.0.1 (${made ? "made by the bench, left at the end" : "already active, left as found"})${waited > 1 ? `; waited ${waited.toFixed(0)} s for the machine's swarm lock (another swarm test), not counted below` : ""}`,
    );
    const measureStart = performance.now();

    setSettleSeconds(roots.env.DOKKU_LIB_ROOT as string, 1);
    const images = {} as Record<SchedulerName, string>;
    for (const [name, { app }] of Object.entries(SUBJECTS) as [SchedulerName, { app: string }][]) {
      images[name] = await buildTestImage(client, app);
      mkdirSync(join(roots.env.DOKKU_ROOT as string, app), { recursive: true });
    }
    const deploy = (name: SchedulerName, id: number, formation: Formation) => {
      const { scheduler, app } = SUBJECTS[name];
      return scheduler.deploy(ctx, app, release(app, images[name], id), formation);
    };

    // warm-up, not counted: the modules' first load, the router image, the engine's caches
    for (const name of schedulerOrder(0)) await deploy(name, 1, { web: 1 });
    const service = (await listAppServices(client, SUBJECTS.swarm.app)).find((entry) =>
      entry.Spec.Name?.endsWith("-web"),
    );
    const container = (
      service?.Spec.TaskTemplate as { ContainerSpec?: Record<string, HealthConfig | undefined> } | undefined
    )?.ContainerSpec;
    // Docker's inspect spells it `Healthcheck` (its Go field), the API docs and dockerode `HealthCheck`
    const health = container?.Healthcheck ?? container?.HealthCheck;
    const update = service?.Spec.UpdateConfig;
    let networkWaitMs = 0;
    const destroy = async (name: SchedulerName) => {
      const { scheduler, app } = SUBJECTS[name];
      await scheduler.destroy(ctx, app, { keepImages: true });
      if (name === "swarm") networkWaitMs += await networkGone(client, app);
    };
    for (const name of schedulerOrder(0)) await destroy(name);

    const plan = checkPlanFor(
      ctx,
      SUBJECTS["docker-local"].app,
      release(SUBJECTS["docker-local"].app, images["docker-local"], 1),
      "web",
      5000,
    );
    const s = (ns: number | undefined) => `${(ns ?? 0) / 1e9} s`;
    console.log(
      `app: busybox httpd on $PORT serving /www/index.html (image ${BASE_IMAGE} + one file), Procfile web only`,
    );
    console.log(
      `checks, the same on both: app.json healthchecks.web ${JSON.stringify(CHECK)} (source: ${plan.source}); it replaces the default uptime check, so checks default-wait (set to 1 s) runs on neither`,
    );
    console.log(
      `  docker-local: ${plan.startup.map(describeCheck).join("; ")}: GET from the host to the container's address, first attempt at once, then every ${CHECK.wait} s`,
    );
    console.log(
      `  swarm: the task's HEALTHCHECK ${JSON.stringify(health?.Test)} every ${s(health?.Interval)} (timeout ${s(health?.Timeout)}, retries ${health?.Retries}; the first probe comes one interval after the start), a task counts as running once healthy`,
    );
    console.log(
      `  swarm rolling update: order ${update?.Order}, parallelism ${update?.Parallelism}, delay ${s(update?.Delay)}, monitor ${s(update?.Monitor)} (Docker's default; no uptime check asks for another), failure action ${update?.FailureAction}`,
    );
    console.log(
      "  both: old containers go inside the deploy (docker-local: checks wait-to-retire 0, stopped and removed before deploy returns; swarm: old tasks stopped by the update); deploy returns when the new ones run, checked, and the proxy switched",
    );
    console.log(
      `  swarm's first deploy also creates the app's overlay network and its router container (destroyed between rounds, so every round's first deploy pays it)`,
    );
    console.log(
      `${rounds} rounds after 1 warm-up deploy each; per round, web=${WEBS.join(" then web=")}, docker-local and swarm alternating first; each: ${phases.join(", ")}${options.scale ? " (deploy of release 2 at one more web: ps:scale's call)" : ""}, then destroy (not timed)`,
    );
    console.log("");

    const samples: Sample[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const [at, web] of WEBS.entries()) {
        for (const name of schedulerOrder(round + at)) {
          const { scheduler, app } = SUBJECTS[name];
          const record = (phase: Phase, ms: number) => samples.push({ scheduler: name, web, phase, ms });
          record("first deploy", await timed(`${name} first deploy web=${web}`, () => deploy(name, 1, { web })));
          record("redeploy", await timed(`${name} redeploy web=${web}`, () => deploy(name, 2, { web })));
          if (options.scale)
            record("scale", await timed(`${name} scale web=${web}`, () => deploy(name, 2, { web: scaledWeb(web) })));
          const running = (await scheduler.status(ctx, app)).filter(
            (container) => container.state === "running" && container.releaseId === 2,
          ).length;
          const expected = options.scale ? scaledWeb(web) : web;
          if (running !== expected)
            throw new Error(
              `${name}: ${running} web containers of release 2 run after round ${round + 1} at web=${web}, expected ${expected}`,
            );
          await destroy(name);
        }
      }
    }

    console.log(renderTable(summarize(samples)));
    console.log("");
    const seconds = (from: number) => `${((performance.now() - from) / 1000).toFixed(0)} s`;
    console.log(
      `whole bench: ${seconds(benchStart)} (${seconds(measureStart)} after the swarm lock); after each swarm destroy, waited ${(networkWaitMs / 1000).toFixed(1)} s in all for its overlay network to stop being listed (not timed)`,
    );
    console.log(
      `load average at the end: ${loadavg()
        .map((value) => value.toFixed(2))
        .join(" ")}`,
    );
  } catch (error) {
    if (!interrupted) throw error;
  } finally {
    await cleanup();
  }
  if (interrupted) process.exit(130);
}

await main();
