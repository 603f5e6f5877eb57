/**
 * Cold-process cost of the compiled CLI: wall time and peak RSS of `dokku apps:list` and
 * `dokku config:get <app> KEY` over 200 apps, against a compiled hello world built in the same
 * run (the floor any Bun executable pays to start). Prints figures and PASS/FAIL against the
 * targets; it never asserts, and it exits non-zero only when it cannot set up.
 *
 *   node_modules/.bin/bun bench/cli.ts [--runs N] [--apps N] [--bin PATH]
 *
 * Without --bin (or DOKKU_BIN) it compiles src/main.ts into its temp dir, so it measures the tree
 * as it is. State lives in temp roots; nothing outside the temp dir is touched.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const REPO_ROOT = resolve(import.meta.dir, "..");
const TARGET_MEDIAN_MS = 15;
const TARGET_PEAK_MB = 60;
const WARMUP_RUNS = 3;
const CONFIG_KEY = "BENCH_KEY";

interface Sample {
  readonly ms: number;
  readonly rssBytes: number;
}

interface Row {
  readonly label: string;
  readonly samples?: readonly Sample[];
  readonly note?: string;
  readonly targeted: boolean;
}

const { values: options } = parseArgs({
  options: {
    runs: { type: "string", default: "50" },
    apps: { type: "string", default: "200" },
    bin: { type: "string" },
  },
});
const runs = positiveInt(options.runs, "--runs");
const appCount = positiveInt(options.apps, "--apps");

function positiveInt(value: string | undefined, flag: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${flag} must be a positive integer, got ${value}`);
  return parsed;
}

/** Compiles an entry file into an executable with the flags `npm run build` uses. */
function compile(entry: string, outfile: string): void {
  const result = Bun.spawnSync(
    [process.execPath, "build", "--compile", "--minify", "--bytecode", entry, "--outfile", outfile],
    {
      cwd: REPO_ROOT,
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  if (result.exitCode !== 0) throw new Error(`bun build ${entry} failed:\n${result.stderr.toString()}`);
}

function runOnce(
  argv: readonly string[],
  env: Record<string, string>,
): { sample: Sample; exitCode: number; stdout: string; stderr: string } {
  const start = Bun.nanoseconds();
  const result = Bun.spawnSync([...argv], { env, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const ms = (Bun.nanoseconds() - start) / 1e6;
  return {
    sample: { ms, rssBytes: result.resourceUsage.maxRSS },
    exitCode: result.exitCode,
    stdout: result.stdout.toString(),
    stderr: result.stderr.toString(),
  };
}

/** Warm-up runs, then `runs` timed ones; a row with a note instead when the command fails. */
function measure(
  label: string,
  argv: readonly string[],
  env: Record<string, string>,
  targeted: boolean,
  check?: (stdout: string) => string | undefined,
): Row {
  for (let i = 0; i < WARMUP_RUNS; i++) {
    const probe = runOnce(argv, env);
    if (probe.exitCode !== 0) {
      return { label, targeted, note: `skipped: exit ${probe.exitCode}: ${firstLine(probe.stderr || probe.stdout)}` };
    }
    const problem = check?.(probe.stdout);
    if (problem) return { label, targeted, note: `skipped: ${problem}` };
  }
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(runOnce(argv, env).sample);
  return { label, targeted, samples };
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0]?.trim() ?? "";
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function appName(index: number): string {
  return `bench-app-${String(index).padStart(3, "0")}`;
}

/** 200 apps with one config key each: through the binary when it can, else written directly. */
function seedApps(dokku: string, env: Record<string, string>, notes: string[]): void {
  const viaCli = runOnce([dokku, "apps:create", appName(0)], env);
  if (viaCli.exitCode === 0) {
    for (let i = 1; i < appCount; i++) {
      const created = runOnce([dokku, "apps:create", appName(i)], env);
      if (created.exitCode !== 0) throw new Error(`apps:create ${appName(i)} failed: ${firstLine(created.stderr)}`);
    }
    notes.push(`${appCount} apps created with \`dokku apps:create\``);
  } else {
    for (let i = 0; i < appCount; i++) mkdirSync(join(env.DOKKU_ROOT as string, appName(i)), { recursive: true });
    notes.push(
      `apps:create failed (${firstLine(viaCli.stderr)}); ${appCount} app dirs written directly under DOKKU_ROOT`,
    );
  }

  const viaConfig = runOnce([dokku, "config:set", "--no-restart", appName(0), `${CONFIG_KEY}=value-0`], env);
  if (viaConfig.exitCode === 0) {
    for (let i = 1; i < appCount; i++) {
      const set = runOnce([dokku, "config:set", "--no-restart", appName(i), `${CONFIG_KEY}=value-${i}`], env);
      if (set.exitCode !== 0) throw new Error(`config:set ${appName(i)} failed: ${firstLine(set.stderr)}`);
    }
    notes.push(`${CONFIG_KEY} set on every app with \`dokku config:set --no-restart\``);
  } else {
    // Dokku's classic per-app ENV file (the format of src/plugins/config/env-file.ts).
    for (let i = 0; i < appCount; i++) {
      writeFileSync(join(env.DOKKU_ROOT as string, appName(i), "ENV"), `export ${CONFIG_KEY}='value-${i}'\n`);
    }
    notes.push(`config:set failed (${firstLine(viaConfig.stderr)}); ${CONFIG_KEY} written to each app's ENV file`);
  }
}

function formatMs(value: number): string {
  return `${value.toFixed(2)} ms`;
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function printTable(rows: readonly Row[], floor: Row): void {
  const floorMedian = floor.samples
    ? percentile(
        floor.samples.map((s) => s.ms),
        50,
      )
    : Number.NaN;
  const floorPeak = floor.samples ? Math.max(...floor.samples.map((s) => s.rssBytes)) : Number.NaN;
  const header = [
    "command",
    "median",
    "p90",
    "x floor",
    "peak RSS",
    "x floor",
    `median<${TARGET_MEDIAN_MS}ms`,
    `peak<${TARGET_PEAK_MB}MB`,
  ];
  const lines: string[][] = [header];
  const notes: string[] = [];
  for (const row of rows) {
    if (!row.samples) {
      lines.push([row.label, "-", "-", "-", "-", "-", "-", "-"]);
      notes.push(`${row.label}: ${row.note ?? "no samples"}`);
      continue;
    }
    const times = row.samples.map((s) => s.ms);
    const median = percentile(times, 50);
    const peak = Math.max(...row.samples.map((s) => s.rssBytes));
    lines.push([
      row.label,
      formatMs(median),
      formatMs(percentile(times, 90)),
      `${(median / floorMedian).toFixed(2)}x`,
      formatMb(peak),
      `${(peak / floorPeak).toFixed(2)}x`,
      row.targeted ? (median < TARGET_MEDIAN_MS ? "PASS" : "FAIL") : "-",
      row.targeted ? (peak < TARGET_PEAK_MB * 1024 * 1024 ? "PASS" : "FAIL") : "-",
    ]);
  }
  const widths = header.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? "").length)));
  for (const line of lines)
    console.log(
      line
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    );
  for (const note of notes) console.log(`note: ${note}`);
}

async function main(): Promise<void> {
  const temp = mkdtempSync(join(tmpdir(), "dokku-bench-"));
  try {
    const hello = join(temp, "hello");
    writeFileSync(join(temp, "hello.ts"), 'console.log("hello");\n');
    compile(join(temp, "hello.ts"), hello);

    let dokku = options.bin ?? process.env.DOKKU_BIN;
    if (!dokku) {
      dokku = join(temp, "dokku");
      compile(join(REPO_ROOT, "src", "main.ts"), dokku);
    }

    const roots = {
      DOKKU_ROOT: join(temp, "home"),
      DOKKU_LIB_ROOT: join(temp, "lib"),
      DOKKU_LOGS_DIR: join(temp, "logs"),
    };
    for (const dir of Object.values(roots)) mkdirSync(dir, { recursive: true });
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? temp,
      ...roots,
    };

    const setupNotes: string[] = [];
    seedApps(dokku, env, setupNotes);
    const version = runOnce([dokku, "version"], env).stdout.trim();
    console.log(
      `${version} (${dokku}); ${runs} runs after ${WARMUP_RUNS} warm-up runs, ${process.platform}-${process.arch}`,
    );
    for (const note of setupNotes) console.log(`setup: ${note}`);
    console.log("");

    const probeApp = appName(Math.floor(appCount / 2));
    const floor = measure("hello world (compiled, floor)", [hello], env, false);
    const rows = [
      floor,
      measure(`dokku apps:list (${appCount} apps)`, [dokku, "apps:list"], env, true, (stdout) =>
        stdout.includes(appName(appCount - 1)) ? undefined : `apps:list does not list ${appName(appCount - 1)}`,
      ),
      measure(
        `dokku config:get ${probeApp} ${CONFIG_KEY}`,
        [dokku, "config:get", probeApp, CONFIG_KEY],
        env,
        true,
        (stdout) =>
          stdout.trim() === `value-${Math.floor(appCount / 2)}`
            ? undefined
            : `config:get printed ${JSON.stringify(stdout.trim())}`,
      ),
    ];
    printTable(rows, floor);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

await main();
