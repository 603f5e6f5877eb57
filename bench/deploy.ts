/**
 * The scheduler stage of a deploy: time from "image built" to "all new containers running"
 * through our docker-local scheduler, for web=1 and web=4, next to bare dockerode
 * `createContainer` + `start` of the same image in the same run. Prints figures and ratios; it
 * never asserts, and exits non-zero only when it cannot set up (no Docker, no base image).
 *
 *   node_modules/.bin/bun bench/deploy.ts [--runs N] [--settle SECONDS]
 *
 * State lives in temp roots; every container and the one image it builds carry a
 * `bench-deploy-<pid>` app name and are removed at the end, whatever happens.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { ContainerCreateOptions } from "dockerode";
import { memorySink } from "../src/core/output";
import type { DockerClient } from "../src/executors/docker/client";
import type { Release } from "../src/plugins/deploy/contracts";
import { schedulerFor } from "../src/plugins/scheduler/select-scheduler";
import { createContext } from "../src/runtime/create-context";
import { textInput } from "../src/runtime/process-input";

const BASE_IMAGE = "dokku-test/busybox:latest";
const PREFIX = `bench-deploy-${process.pid}`;
const IMAGE = `dokku/${PREFIX}:v1`;
const WEB = "httpd -f -p $PORT -h /www";
const WARMUP_RUNS = 1;

const { values: options } = parseArgs({
  options: { runs: { type: "string", default: "5" }, settle: { type: "string", default: "0" } },
});
const runs = Number(options.runs);
const settle = Number(options.settle);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${options.runs}`);
if (!Number.isFinite(settle) || settle < 0)
  throw new Error(`--settle must be a number of seconds >= 0, got ${options.settle}`);

type Case = (run: number) => Promise<number>;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = Bun.nanoseconds();
  await work();
  return (Bun.nanoseconds() - start) / 1e6;
}

async function buildImage(docker: DockerClient, dir: string): Promise<void> {
  writeFileSync(
    join(dir, "Dockerfile"),
    [
      `FROM ${BASE_IMAGE}`,
      "RUN mkdir -p /www && echo hello > /www/index.html",
      `LABEL com.dokku.app-name=${PREFIX}`,
      "",
    ].join("\n"),
  );
  const stream = await docker.buildImage(
    { context: dir, src: ["Dockerfile"] },
    { t: IMAGE, labels: { "com.dokku.app-name": PREFIX } },
  );
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (error: Error | null, output: Array<{ error?: string }>) => {
      const failed = output?.find((entry) => entry.error);
      if (error || failed) reject(error ?? new Error(failed?.error));
      else resolve();
    }),
  );
}

/** Every container whose app label starts with the bench prefix (the scheduler's and the bare ones). */
async function removeBenchContainers(docker: DockerClient): Promise<void> {
  const all = await docker.listContainers({ all: true, filters: { label: ["com.dokku.app-name"] } });
  const ours = all.filter((info) => (info.Labels["com.dokku.app-name"] ?? "").startsWith(PREFIX));
  await Promise.all(
    ours.map((info) =>
      docker
        .getContainer(info.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}

/** What a bare `docker run -d` of the web process would send: the image, its command, PORT. */
function bareSpec(app: string): ContainerCreateOptions {
  return {
    Image: IMAGE,
    Cmd: ["httpd", "-f", "-p", "5000", "-h", "/www"],
    Env: ["PORT=5000"],
    Labels: { "com.dokku.app-name": app },
  };
}

async function bareStart(docker: DockerClient, app: string): Promise<void> {
  const container = await docker.createContainer(bareSpec(app));
  await container.start();
}

function release(app: string): Release {
  return {
    id: 1,
    app,
    image: IMAGE,
    builder: "dockerfile",
    source: "image",
    createdAt: new Date().toISOString(),
    processes: { web: WEB },
    appJson: {},
  };
}

async function main(): Promise<void> {
  const temp = mkdtempSync(join(tmpdir(), "dokku-bench-deploy-"));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    DOKKU_ROOT: join(temp, "home"),
    DOKKU_LIB_ROOT: join(temp, "lib"),
    DOKKU_LOGS_DIR: join(temp, "logs"),
  };
  for (const key of ["DOKKU_ROOT", "DOKKU_LIB_ROOT", "DOKKU_LOGS_DIR"])
    mkdirSync(env[key] as string, { recursive: true });
  // the settle wait: how long new containers must stay up before the deploy counts them as started
  mkdirSync(join(env.DOKKU_LIB_ROOT as string, "config/checks/--global"), { recursive: true });
  writeFileSync(join(env.DOKKU_LIB_ROOT as string, "config/checks/--global/default-wait"), String(settle));
  const ctx = createContext({
    env,
    flags: { quiet: true, trace: false, force: false },
    sink: memorySink(),
    input: textInput(""),
  });
  const docker = await ctx.docker();
  try {
    await docker.getImage(BASE_IMAGE).inspect();
  } catch {
    console.error(`bench/deploy.ts needs Docker and the local ${BASE_IMAGE} image (bun test/base-image.ts)`);
    process.exit(1);
  }
  try {
    const buildMs = await timed(() => buildImage(docker, temp));
    const info = await docker.version();
    console.log(
      `docker ${info.Version}; image ${IMAGE} built once (${buildMs.toFixed(0)} ms); ${runs} runs per case after ${WARMUP_RUNS} warm-up, median`,
    );
    console.log(
      `settle wait (checks default-wait): ${settle} s; scheduler restart policy on-failure:10, --init on (Dokku's defaults)`,
    );
    console.log("");

    const scheduler = (app: string) => schedulerFor(ctx, app);
    const deployFresh =
      (web: number): Case =>
      async (run) => {
        const app = `${PREFIX}-fresh${web}-${run}`;
        return timed(() => scheduler(app).deploy(ctx, app, release(app), { web }));
      };
    const redeploy =
      (web: number): Case =>
      async (run) => {
        const app = `${PREFIX}-again${web}-${run}`;
        await scheduler(app).deploy(ctx, app, release(app), { web });
        return timed(() => scheduler(app).deploy(ctx, app, { ...release(app), id: 2 }, { web }));
      };
    const ONE = "bare create+start x1";
    const SEQ = "bare create+start x4, sequential";
    const PAR = "bare create+start x4, parallel";
    const cases: Array<{ label: string; run: Case; baselines?: readonly string[] }> = [
      { label: ONE, run: (run) => timed(() => bareStart(docker, `${PREFIX}-bare1-${run}`)) },
      {
        label: SEQ,
        run: (run) =>
          timed(async () => {
            for (let i = 0; i < 4; i++) await bareStart(docker, `${PREFIX}-bare4s-${run}`);
          }),
      },
      {
        label: PAR,
        run: (run) => timed(() => Promise.all([0, 1, 2, 3].map(() => bareStart(docker, `${PREFIX}-bare4p-${run}`)))),
      },
      { label: "scheduler deploy web=1 (new app)", run: deployFresh(1), baselines: [ONE] },
      { label: "scheduler deploy web=4 (new app)", run: deployFresh(4), baselines: [PAR, SEQ] },
      { label: "scheduler redeploy web=1 (retires 1)", run: redeploy(1), baselines: [ONE] },
      { label: "scheduler redeploy web=4 (retires 4)", run: redeploy(4), baselines: [PAR, SEQ] },
    ];

    const samples = new Map<string, number[]>(cases.map((entry) => [entry.label, []]));
    for (let run = -WARMUP_RUNS; run < runs; run++) {
      // interleaved, so drift in the engine's speed hits every case alike
      for (const entry of cases) {
        const ms = await entry.run(run + WARMUP_RUNS);
        if (run >= 0) samples.get(entry.label)?.push(ms);
        await removeBenchContainers(docker);
      }
    }

    const medians = new Map([...samples].map(([label, values]) => [label, median(values)]));
    const rows = [["case", "median", "min", "max", "ratio to bare (median / median)"]];
    for (const entry of cases) {
      const values = samples.get(entry.label) ?? [];
      const of = (baseline: string) =>
        `${((medians.get(entry.label) ?? 0) / (medians.get(baseline) ?? 1)).toFixed(2)}x ${baseline.replace("bare create+start ", "")}`;
      const ratio = entry.baselines ? entry.baselines.map(of).join(", ") : "-";
      rows.push([
        entry.label,
        `${(medians.get(entry.label) ?? 0).toFixed(1)} ms`,
        `${Math.min(...values).toFixed(1)} ms`,
        `${Math.max(...values).toFixed(1)} ms`,
        ratio,
      ]);
    }
    const widths = (rows[0] as string[]).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
    for (const row of rows)
      console.log(
        row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join("  ")
          .trimEnd(),
      );
  } finally {
    await removeBenchContainers(docker);
    await docker
      .getImage(IMAGE)
      .remove({ force: true })
      .catch(() => undefined);
    rmSync(temp, { recursive: true, force: true });
  }
}

await main();
