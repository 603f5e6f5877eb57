/**
 * Time to fire one notify trigger handled by 0, 1 and 6 WASM plugins inside one command (the
 * sandbox's start counted apart), next to 6 trivial `#!/bin/sh` hooks run by a bash loop the way
 * a shell plugin system fires a trigger, all in the same run. Prints figures, ratios and
 * PASS/FAIL against the target (6 plugins, sandbox up: under 1 ms per fire); never asserts, and
 * exits non-zero only when it cannot set up.
 *
 *   node_modules/.bin/bun bench/triggers.ts [--rounds 6] [--batch 50] [--cold 5] [--runs 4] [--bin PATH]
 *
 * Without --bin (or DOKKU_BIN) it compiles src/main.ts into its temp dir. The plugins are
 * installed with that binary, and the in-process contexts name it as their executable, so the
 * sandbox child is that binary, as in `dokku` itself. Everything lives in one temp dir, removed
 * at the end.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Context } from "../src/core/context";
import { createContext } from "../src/runtime/create-context";
import { endSandbox } from "../src/wasm/sandbox-client";
import { SANDBOX_COMMAND, selfCommand } from "../src/wasm/sandbox-protocol";
import { BENCH_PLUGIN, buildBenchPlugin } from "./lib/triggers-plugin";
import { shellFiresInOneBash, shellFiresPerProcess, writeShellHooks } from "./lib/triggers-shell";
import { formatMs, median, percentile, ratio, renderTable, type Row } from "./lib/triggers-table";

const REPO_ROOT = resolve(import.meta.dir, "..");
const TARGET_MS = 1;
const APP = "bench-app";
const PLUGIN_COUNTS = [0, 1, 6] as const;
const WARMUP_FIRES = 20;

const { values: options } = parseArgs({
  options: {
    rounds: { type: "string", default: "6" },
    batch: { type: "string", default: "50" },
    cold: { type: "string", default: "5" },
    runs: { type: "string", default: "4" },
    bin: { type: "string" },
  },
});
const rounds = positiveInt(options.rounds, "--rounds");
const batch = positiveInt(options.batch, "--batch");
const coldStarts = positiveInt(options.cold, "--cold");
const runsPerRound = positiveInt(options.runs, "--runs");

function positiveInt(value: string | undefined, flag: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${flag} must be a positive integer, got ${value}`);
  return parsed;
}

type Env = Record<string, string>;

function run(argv: readonly string[], env: Env): { exitCode: number; stdout: string; stderr: string; ms: number } {
  const start = Bun.nanoseconds();
  const result = Bun.spawnSync([...argv], { env, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  return {
    exitCode: result.exitCode,
    stdout: result.stdout.toString(),
    stderr: result.stderr.toString(),
    ms: (Bun.nanoseconds() - start) / 1e6,
  };
}

function must(argv: readonly string[], env: Env): string {
  const result = run(argv, env);
  if (result.exitCode !== 0)
    throw new Error(`${argv.slice(1).join(" ")} failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
  return result.stdout;
}

/** Temp roots with the app and `count` copies of the plugin (`bench-noop-1`...), set up through the binary. */
function setupRoots(temp: string, dokku: string, pluginDir: string, count: number): Env {
  const base = join(temp, `roots-${count}`);
  const roots = {
    DOKKU_ROOT: join(base, "home"),
    DOKKU_LIB_ROOT: join(base, "lib"),
    DOKKU_LOGS_DIR: join(base, "logs"),
  };
  for (const dir of Object.values(roots)) mkdirSync(dir, { recursive: true });
  const env: Env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? temp, ...roots };
  must([dokku, "apps:create", APP], env);
  for (let i = 1; i <= count; i++) must([dokku, "plugin:install", pluginDir, "--name", `${BENCH_PLUGIN}-${i}`], env);
  return env;
}

/** A context of the product wired like a command's, its output swallowed (warnings kept to report). */
function benchContext(env: Env, dokku: string, warnings: string[]): Context {
  return createContext({
    env,
    flags: { quiet: true, trace: false, force: false },
    sink: { stdout: () => undefined, stderr: (text) => void warnings.push(text.trim()) },
    input: { isTTY: false, readAll: async () => "", readAtMost: async () => "", readLine: async () => undefined },
    executablePath: dokku,
  });
}

type Trigger = "post-create" | "deploy-failed";

/** One fire of `trigger`, in ms; throws when a handler failed. */
async function fireOnce(ctx: Context, trigger: Trigger): Promise<number> {
  const start = Bun.nanoseconds();
  const { failures } =
    trigger === "post-create"
      ? await ctx.bus.fire("post-create", { app: APP })
      : await ctx.bus.fire("deploy-failed", { app: APP, stage: "deploy", reason: "bench", releaseId: null });
  const ms = (Bun.nanoseconds() - start) / 1e6;
  if (failures.length > 0)
    throw new Error(`${trigger}: ${failures.map((f) => `${f.source}: ${f.message}`).join("; ")}`);
  return ms;
}

/** The command lines of this process's sandbox children (from /proc), to show what the product started. */
function sandboxChildren(): string[] {
  const found: string[] = [];
  for (const task of readdirSync(`/proc/${process.pid}/task`)) {
    const children = readFileSync(`/proc/${process.pid}/task/${task}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    for (const pid of children) {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
        if (argv.includes(SANDBOX_COMMAND)) found.push(argv.join(" "));
      } catch {}
    }
  }
  return found;
}

interface Sampler {
  readonly label: string;
  readonly take: () => Promise<number[]>;
  readonly samples: number[];
}

/** `rounds` rounds, each taking one batch of every sampler, the order rotated every round. */
async function inRounds(samplers: readonly Sampler[]): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    for (let at = 0; at < samplers.length; at++) {
      const sampler = samplers[(at + round) % samplers.length] as Sampler;
      sampler.samples.push(...(await sampler.take()));
    }
  }
}

async function main(): Promise<void> {
  const temp = mkdtempSync(join(tmpdir(), "dokku-bench-triggers-"));
  const contexts: Context[] = [];
  try {
    let dokku = options.bin ?? process.env.DOKKU_BIN;
    if (!dokku) {
      dokku = join(temp, "dokku");
      const built = Bun.spawnSync(
        [
          process.execPath,
          "build",
          "--compile",
          "--minify",
          "--bytecode",
          join(REPO_ROOT, "src", "main.ts"),
          "--outfile",
          dokku,
        ],
        { cwd: REPO_ROOT, stdout: "pipe", stderr: "pipe" },
      );
      if (built.exitCode !== 0) throw new Error(`bun build failed:\n${built.stderr.toString()}`);
    }
    dokku = resolve(dokku);
    const plugin = await buildBenchPlugin(join(temp, "plugin"));
    const envs = new Map<number, Env>(
      PLUGIN_COUNTS.map((count) => [count, setupRoots(temp, dokku as string, plugin.dir, count)]),
    );
    const hooks = writeShellHooks(join(temp, "hooks"), 6);
    const warnings: string[] = [];
    const contextFor = (count: number): Context => {
      const ctx = benchContext(envs.get(count) as Env, dokku as string, warnings);
      contexts.push(ctx);
      return ctx;
    };

    const version = must([dokku, "version"], envs.get(0) as Env).trim();
    console.log(
      `${version} (${dokku}); parent: ${process.execPath} running bench/triggers.ts (Bun ${Bun.version}), ${process.platform}-${process.arch}, load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(" ")}`,
    );
    console.log(
      `plugin: one AssemblyScript module built with the kit's build script (${plugin.bytes} bytes), installed under ${PLUGIN_COUNTS.filter(
        Boolean,
      )
        .map((n) => `${n} name${n > 1 ? "s" : ""}`)
        .join(
          " and ",
        )} with \`plugin:install --name\`; handles post-create and deploy-failed, parses its input, returns nothing`,
    );
    console.log(
      `shell: 6 executable #!/bin/sh hooks (echo "$0 $*"), run by bash: for f in dir/*; do "$f" <trigger> <app>; done`,
    );

    // Sandbox start: the first fire of a fresh context (spawn, exec under the memory limit, module loads).
    const cold: Row[] = [];
    for (const count of [1, 6]) {
      const samples: number[] = [];
      for (let i = 0; i < coldStarts; i++) {
        const ctx = contextFor(count);
        samples.push(await fireOnce(ctx, "deploy-failed"));
        endSandbox(ctx);
      }
      cold.push({
        label: `first fire, ${count} plugin${count > 1 ? "s" : ""} (sandbox start + ${count} module load${count > 1 ? "s" : ""})`,
        samples,
      });
    }

    // Warm: one context per plugin count, the sandbox started by warm-up fires, then rounds.
    const warm = new Map<number, Context>();
    let children: string[] = [];
    for (const count of PLUGIN_COUNTS) {
      const ctx = contextFor(count);
      for (let i = 0; i < WARMUP_FIRES; i++) {
        await fireOnce(ctx, "post-create");
        await fireOnce(ctx, "deploy-failed");
      }
      if (count === 6) children = sandboxChildren();
      warm.set(count, ctx);
    }
    const inProcess = (count: number, trigger: Trigger): Sampler => {
      const ctx = warm.get(count) as Context;
      const what = trigger === "post-create" ? "post-create (+ 3 core handlers)" : "deploy-failed (no core handler)";
      const samples: number[] = [];
      return {
        label: `in-process ${what}, ${count} WASM plugin${count === 1 ? "" : "s"}`,
        samples,
        take: async () => {
          const taken: number[] = [];
          for (let i = 0; i < batch; i++) taken.push(await fireOnce(ctx, trigger));
          return taken;
        },
      };
    };
    const shellInBash: Sampler = {
      label: "shell: 6 hooks, loop inside one bash (per fire)",
      samples: [],
      take: async () => shellFiresInOneBash(hooks, "post-create", APP, batch),
    };
    const shellPerProcess: Sampler = {
      label: "shell: 6 hooks, one bash process per fire",
      samples: [],
      take: async () => shellFiresPerProcess(hooks, "post-create", APP, batch),
    };
    const deployFailed = PLUGIN_COUNTS.map((count) => inProcess(count, "deploy-failed"));
    const postCreate = PLUGIN_COUNTS.map((count) => inProcess(count, "post-create"));
    const fires = [...deployFailed, ...postCreate, shellInBash, shellPerProcess];
    await inRounds(fires);

    // Whole command, cold process: `dokku plugin:trigger post-create {"app":...}`.
    const payload = JSON.stringify({ app: APP });
    const commands = PLUGIN_COUNTS.map((count): Sampler => {
      const env = envs.get(count) as Env;
      const argv = [dokku as string, "plugin:trigger", "post-create", payload];
      const check = run(argv, env);
      if (check.exitCode !== 0 || check.stdout.trim() !== '{"failures":[]}')
        throw new Error(
          `plugin:trigger with ${count} plugins: exit ${check.exitCode}: ${check.stdout.trim()} ${check.stderr.trim()}`,
        );
      return {
        label: `dokku plugin:trigger post-create, ${count} plugin${count === 1 ? "" : "s"} (cold process)`,
        samples: [],
        take: async () => Array.from({ length: runsPerRound }, () => run(argv, env).ms),
      };
    });
    await inRounds(commands);

    const running = [...new Set(children)];
    console.log(
      `sandbox child, as the product starts it (selfCommand of the context's executable): ${selfCommand(dokku).join(" ")}; running (/proc): ${running.length > 0 ? `${running.join("; ")} x${children.length} (one per warm context with plugins)` : "none found"}`,
    );
    console.log(
      `${rounds} rounds, order rotated each round; per round ${batch} fires per in-process/shell row, ${runsPerRound} processes per command row; first fires: ${coldStarts} fresh contexts each`,
    );
    console.log("");
    console.log(renderTable([...fires, ...cold, ...commands]));
    console.log("");
    printSummary({ deployFailed, postCreate, shellInBash, shellPerProcess, cold, commands });
    if (warnings.length > 0) console.log(`warnings printed by the product: ${warnings.slice(0, 3).join(" | ")}`);
  } finally {
    for (const ctx of contexts) endSandbox(ctx);
    rmSync(temp, { recursive: true, force: true });
  }
}

interface Figures {
  /** By plugin count, as PLUGIN_COUNTS: 0, 1, 6. */
  readonly deployFailed: readonly Row[];
  readonly postCreate: readonly Row[];
  readonly shellInBash: Row;
  readonly shellPerProcess: Row;
  /** 1 plugin, 6 plugins. */
  readonly cold: readonly Row[];
  /** By plugin count. */
  readonly commands: readonly Row[];
}

function printSummary(figures: Figures): void {
  const med = (row: Row | undefined): number => median(row?.samples ?? []);
  const fastest = (row: Row | undefined): number => Math.min(...(row?.samples ?? []));
  const [dfZero, dfOne, dfSix] = figures.deployFailed.map(med) as [number, number, number];
  const [pcZero, , pcSix] = figures.postCreate.map(med) as [number, number, number];
  const [coldOne, coldSix] = figures.cold.map(med) as [number, number];
  const [cmdZero, cmdOne, cmdSix] = figures.commands.map(med) as [number, number, number];
  const shellLoop = med(figures.shellInBash);
  const shellProcess = med(figures.shellPerProcess);
  const verdict = (ms: number) => (ms < TARGET_MS ? "PASS" : "FAIL");
  console.log(`target: one notify fire handled by 6 WASM plugins, sandbox up, under ${TARGET_MS} ms`);
  console.log(
    `  deploy-failed, 6 plugins (the whole fire, no core handler): median ${formatMs(dfSix)} (p90 ${formatMs(percentile(figures.deployFailed[2]?.samples ?? [], 90))})  ${verdict(dfSix)}`,
  );
  const added = fastest(figures.postCreate[2]) - fastest(figures.postCreate[0]);
  console.log(
    `  post-create, 6 plugins next to the 3 core handlers: median ${formatMs(pcSix)} against ${formatMs(pcZero)} without plugins; a core handler writes and fsyncs a file, whose noise hides the plugins' share in the medians: the fastest fires differ by ${formatMs(added)}`,
  );
  console.log(
    `per plugin call, warm: ${formatMs((dfSix - dfZero) / 6)} (6 plugins), ${formatMs(dfOne - dfZero)} (1 plugin); the bus alone: ${formatMs(dfZero)}`,
  );
  console.log(
    `shell, 6 hooks in one bash: ${formatMs(shellLoop)} per fire = ${ratio(shellLoop, dfSix)} the WASM fire; one bash per fire: ${formatMs(shellProcess)} = ${ratio(shellProcess, dfSix)}`,
  );
  const saved = shellLoop - dfSix;
  console.log(
    `sandbox start (first fire): ${formatMs(coldOne)} with 1 plugin, ${formatMs(coldSix)} with 6 (${formatMs((coldSix - coldOne) / 5)} per further module); paid once per command that fires a WASM-handled trigger` +
      (saved > 0 ? `, won back against the bash loop after ${Math.ceil(coldSix / saved)} fires` : ""),
  );
  console.log(
    `whole command, cold: ${formatMs(cmdZero)} with 0 plugins, +${formatMs(cmdOne - cmdZero)} with 1, +${formatMs(cmdSix - cmdZero)} with 6 (one bash per fire: ${formatMs(shellProcess)})`,
  );
}

await main();
