/**
 * Disk used by an app's images after N deploys (20) with default settings (pruning after each
 * deploy: releases past `releases:set keep` (5), exited containers, dangling images), next to
 * an app deployed the same number of times with pruning off (`builder:set <app> skip-cleanup
 * true`), in the same run, the deploys alternating so both see the same machine. Then
 * `cleanup <app>` on the second app, to show what it reclaims. Prints figures and ratios; it
 * never asserts, and exits non-zero only when it cannot set up (no Docker, no base image).
 *
 *   node_modules/.bin/bun bench/cleanup.ts [--deploys N] [--layer-kb K] [--bin path/to/dokku]
 *
 * Each deploy builds a Dockerfile app whose image adds K kB (1000) of fresh random data, so no
 * two releases share a layer (a real app's code changes as much). Without --bin (or DOKKU_BIN)
 * it compiles src/main.ts into its temp dir. State lives in temp roots; the apps' containers
 * and images are removed at the end, whatever happens.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { dockerConnector, type DockerClient } from "../src/executors/docker/client";
import { formatBytes } from "../src/plugins/cleanup/plan";
import { median } from "./lib/turns";

const REPO_ROOT = resolve(import.meta.dir, "..");
const BASE_IMAGE = "dokku-test/busybox:latest";
const DEFAULT_APP = `bench-clean-${process.pid}`;
const OFF_APP = `bench-keep-${process.pid}`;

const { values: options } = parseArgs({
  options: {
    deploys: { type: "string", default: "20" },
    "layer-kb": { type: "string", default: "1000" },
    bin: { type: "string" },
  },
});
const deploys = Number(options.deploys);
const layerKb = Number(options["layer-kb"]);
if (!Number.isInteger(deploys) || deploys < 1)
  throw new Error(`--deploys must be a positive integer, got ${options.deploys}`);
if (!Number.isInteger(layerKb) || layerKb < 1)
  throw new Error(`--layer-kb must be a positive integer, got ${options["layer-kb"]}`);

/** A ustar archive holding one Dockerfile (what git:from-archive takes). */
function dockerfileTar(body: string): Uint8Array {
  const data = new TextEncoder().encode(body);
  const header = new Uint8Array(512);
  const put = (offset: number, text: string) => header.set(new TextEncoder().encode(text), offset);
  const octal = (offset: number, length: number, value: number) =>
    put(offset, `${value.toString(8).padStart(length - 1, "0")}\0`);
  put(0, "Dockerfile");
  octal(100, 8, 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, data.length);
  octal(136, 12, 0);
  put(148, "        ");
  put(156, "0");
  put(257, "ustar\0");
  put(263, "00");
  put(
    148,
    `${header
      .reduce((sum, byte) => sum + byte, 0)
      .toString(8)
      .padStart(6, "0")}\0 `,
  );
  const out = new Uint8Array(512 + Math.ceil(data.length / 512) * 512 + 1024);
  out.set(header, 0);
  out.set(data, 512);
  return out;
}

function appTar(deploy: number): Uint8Array {
  return dockerfileTar(
    [
      `FROM ${BASE_IMAGE}`,
      `RUN head -c ${layerKb * 1000} /dev/urandom > /payload && echo ${deploy} > /deploy`,
      'CMD ["sh", "-c", "httpd -f -p ${PORT:-5000} -h /"]',
      "",
    ].join("\n"),
  );
}

function run(
  bin: string,
  env: Record<string, string>,
  args: string[],
  stdin?: Uint8Array,
): { ms: number; stdout: string; stderr: string; status: number } {
  const start = Bun.nanoseconds();
  const result = spawnSync(bin, args, { env, input: stdin, encoding: "utf8" });
  return {
    ms: (Bun.nanoseconds() - start) / 1e6,
    stdout: result.stdout,
    stderr: result.stderr,
    status: result.status ?? -1,
  };
}

function must(result: { status: number; stderr: string }, what: string): void {
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}): ${result.stderr.trim()}`);
}

interface DiskFigures {
  readonly images: number;
  readonly tags: number;
  /** Bytes of the app's own layers: each image's size less the base image's, summed. */
  readonly bytes: number;
  readonly containers: number;
}

async function diskOf(docker: DockerClient, app: string, baseSize: number): Promise<DiskFigures> {
  const labelled = await docker.listImages({ filters: { label: [`com.dokku.app-name=${app}`] } });
  const named = await docker.listImages({ filters: { reference: [`dokku/${app}`] } });
  const images = new Map([...labelled, ...named].map((image) => [image.Id, image]));
  const containers = await docker.listContainers({ all: true, filters: { label: [`com.dokku.app-name=${app}`] } });
  return {
    images: images.size,
    tags: [...images.values()].reduce(
      (sum, image) => sum + (image.RepoTags ?? []).filter((tag) => tag.startsWith(`dokku/${app}:`)).length,
      0,
    ),
    bytes: [...images.values()].reduce((sum, image) => sum + Math.max(0, image.Size - baseSize), 0),
    containers: containers.length,
  };
}

async function removeApp(docker: DockerClient, app: string): Promise<void> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`com.dokku.app-name=${app}`] } });
  await Promise.all(
    containers.map((info) =>
      docker
        .getContainer(info.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
  const images = [
    ...(await docker.listImages({ filters: { reference: [`dokku/${app}`] } })),
    ...(await docker.listImages({ filters: { label: [`com.dokku.app-name=${app}`] } })),
  ];
  for (const image of images)
    await docker
      .getImage(image.Id)
      .remove({ force: true })
      .catch(() => undefined);
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, at) => cell.padEnd(widths[at] ?? 0))
    .join("  ")
    .trimEnd();
}

async function main(): Promise<void> {
  const temp = mkdtempSync(join(tmpdir(), "dokku-bench-cleanup-"));
  const docker = await dockerConnector(process.env)();
  try {
    const base = await docker
      .getImage(BASE_IMAGE)
      .inspect()
      .catch(() => undefined);
    if (!base) {
      console.error(`bench/cleanup.ts needs the image ${BASE_IMAGE} (bun test/base-image.ts)`);
      process.exit(1);
    }
    let bin = options.bin ?? process.env.DOKKU_BIN;
    if (!bin) {
      bin = join(temp, "dokku");
      const built = spawnSync(
        join(REPO_ROOT, "node_modules/.bin/bun"),
        ["build", "--compile", "--minify", "--bytecode", join(REPO_ROOT, "src/main.ts"), "--outfile", bin],
        { encoding: "utf8" },
      );
      if (built.status !== 0) throw new Error(`compiling src/main.ts failed: ${built.stderr}`);
    }
    const roots = {
      DOKKU_ROOT: join(temp, "home"),
      DOKKU_LIB_ROOT: join(temp, "lib"),
      DOKKU_LOGS_DIR: join(temp, "logs"),
    };
    for (const dir of Object.values(roots)) mkdirSync(dir, { recursive: true });
    // checks: 1 s settle, old containers retired at once (the bench measures disk, not the switch)
    mkdirSync(join(roots.DOKKU_LIB_ROOT, "config/checks/--global"), { recursive: true });
    writeFileSync(join(roots.DOKKU_LIB_ROOT, "config/checks/--global/default-wait"), "1");
    writeFileSync(join(roots.DOKKU_LIB_ROOT, "config/checks/--global/wait-to-retire"), "0");
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? temp,
      ...roots,
    };
    for (const app of [DEFAULT_APP, OFF_APP]) must(run(bin, env, ["apps:create", app]), `apps:create ${app}`);
    must(run(bin, env, ["builder:set", OFF_APP, "skip-cleanup", "true"]), "builder:set skip-cleanup");

    const info = await docker.version();
    console.log(
      `${run(bin, env, ["version"]).stdout.trim()} (${bin}); docker ${info.Version} (API ${info.ApiVersion})`,
    );
    console.log(
      `${deploys} deploys per app, alternating; each image adds ${formatBytes(layerKb * 1000)} of its own on ${BASE_IMAGE} (${formatBytes(base.Size)})`,
    );
    console.log("");

    const times: Record<string, number[]> = { [DEFAULT_APP]: [], [OFF_APP]: [] };
    for (let deploy = 1; deploy <= deploys; deploy++) {
      for (const app of deploy % 2 === 1 ? [DEFAULT_APP, OFF_APP] : [OFF_APP, DEFAULT_APP]) {
        const result = run(bin, env, ["git:from-archive", "--archive-type", "tar", app, "--"], appTar(deploy));
        must(result, `deploy ${deploy} of ${app}`);
        times[app]?.push(result.ms);
      }
    }
    const withPruning = await diskOf(docker, DEFAULT_APP, base.Size);
    const without = await diskOf(docker, OFF_APP, base.Size);
    const cleanup = run(bin, env, ["cleanup", OFF_APP]);
    must(cleanup, "cleanup");
    const afterCleanup = await diskOf(docker, OFF_APP, base.Size);

    const widths = [44, 8, 6, 12, 11, 14];
    console.log(row(["case", "images", "tags", "own bytes", "containers", "deploy median"], widths));
    console.log(
      row(
        [
          "default (prune after each deploy, keep 5)",
          String(withPruning.images),
          String(withPruning.tags),
          formatBytes(withPruning.bytes),
          String(withPruning.containers),
          `${(median(times[DEFAULT_APP] ?? []) / 1000).toFixed(2)} s`,
        ],
        widths,
      ),
    );
    console.log(
      row(
        [
          "pruning off (skip-cleanup true)",
          String(without.images),
          String(without.tags),
          formatBytes(without.bytes),
          String(without.containers),
          `${(median(times[OFF_APP] ?? []) / 1000).toFixed(2)} s`,
        ],
        widths,
      ),
    );
    console.log(
      row(
        [
          "pruning off, then `cleanup <app>` once",
          String(afterCleanup.images),
          String(afterCleanup.tags),
          formatBytes(afterCleanup.bytes),
          String(afterCleanup.containers),
          `${(cleanup.ms / 1000).toFixed(2)} s (cleanup)`,
        ],
        widths,
      ),
    );
    console.log("");
    const ratio = withPruning.bytes > 0 ? (without.bytes / withPruning.bytes).toFixed(1) : "n/a";
    console.log(
      `pruning off uses ${ratio}x the disk of the default after ${deploys} deploys (${formatBytes(without.bytes - withPruning.bytes)} more)`,
    );
    const slower = median(times[DEFAULT_APP] ?? []) - median(times[OFF_APP] ?? []);
    console.log(`pruning costs ${slower >= 0 ? "+" : ""}${slower.toFixed(0)} ms per deploy (median against median)`);
  } finally {
    await removeApp(docker, DEFAULT_APP);
    await removeApp(docker, OFF_APP);
    rmSync(temp, { recursive: true, force: true });
  }
}

await main();
