/**
 * The shell baseline of bench/triggers.ts: a folder of trivial executable `#!/bin/sh` hooks run
 * one after the other by bash, the way a shell plugin system (Dokku's plugn) fires a trigger.
 * Two ways to time one fire: one bash process per fire, spawned from Bun (what a command pays
 * when it shells out for each trigger), and the loop alone inside one long-lived bash, timed
 * with bash's own clock (`$EPOCHREALTIME`), so bash's start is not counted.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Runs every hook of `$1` with the trigger `$2` and the app `$3`. */
const ONE_FIRE = 'for f in "$1"/*; do "$f" "$2" "$3"; done';

/** `$4` fires like ONE_FIRE, each timed with bash's clock: "<start> <end>" per fire on stderr. */
const TIMED_LOOP = `for ((i = 0; i < $4; i++)); do
  t0=$EPOCHREALTIME
  for f in "$1"/*; do "$f" "$2" "$3"; done
  t1=$EPOCHREALTIME
  printf '%s %s\\n' "$t0" "$t1" >&2
done`;

const SHELL_ENV = { PATH: "/usr/local/bin:/usr/bin:/bin", LC_ALL: "C" };

/** `count` hooks in `dir` that echo their arguments, like a hook that only logs. */
export function writeShellHooks(dir: string, count: number): string {
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= count; i++) {
    const path = join(dir, `${String(i).padStart(2, "0")}-hook`);
    writeFileSync(path, '#!/bin/sh\necho "$0 $*"\n');
    chmodSync(path, 0o755);
  }
  return dir;
}

/** One bash process per fire: wall time of each spawn-to-exit, in ms. Throws when a fire fails. */
export function shellFiresPerProcess(dir: string, trigger: string, app: string, fires: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < fires; i++) {
    const start = Bun.nanoseconds();
    const result = Bun.spawnSync(["bash", "-c", ONE_FIRE, "bash", dir, trigger, app], {
      env: SHELL_ENV,
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    samples.push((Bun.nanoseconds() - start) / 1e6);
    if (result.exitCode !== 0)
      throw new Error(`bash fire failed (exit ${result.exitCode}): ${result.stderr.toString().trim()}`);
  }
  return samples;
}

/** `fires` fires inside one bash, each timed by bash: per-fire ms. Throws when bash fails. */
export function shellFiresInOneBash(dir: string, trigger: string, app: string, fires: number): number[] {
  const result = Bun.spawnSync(["bash", "-c", TIMED_LOOP, "bash", dir, trigger, app, String(fires)], {
    env: SHELL_ENV,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const lines = result.stderr.toString().trim().split("\n");
  if (result.exitCode !== 0 || lines.length !== fires)
    throw new Error(`bash loop failed (exit ${result.exitCode}): ${lines.slice(-1)[0] ?? ""}`);
  return lines.map((line) => {
    const [start, end] = line.split(" ").map(Number);
    if (start === undefined || end === undefined || !Number.isFinite(start) || !Number.isFinite(end))
      throw new Error(`bash loop printed ${JSON.stringify(line)}`);
    return (end - start) * 1000;
  });
}
