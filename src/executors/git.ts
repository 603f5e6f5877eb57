/**
 * Spawning git (and tar for git's own archives) with argv arrays, never through a shell.
 * Output is either captured, or the process gets our stdio (git receive-pack / upload-pack talk
 * to the SSH client directly).
 */

export type Env = Readonly<Record<string, string | undefined>>;

export interface GitResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface GitRunOptions {
  readonly env: Env;
  readonly cwd?: string;
  readonly stdin?: string;
}

/** Variables git sets for hooks that would point a nested git at the pushed repo's quarantine. */
export const HOOK_GIT_VARIABLES = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_QUARANTINE_PATH",
  "GIT_PUSH_OPTION_COUNT",
] as const;

/** The environment as a plain record, without `drop` and unset entries. Pure. */
export function spawnEnv(env: Env, drop: readonly string[] = [], add: Env = {}): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...env, ...add })) {
    if (value !== undefined && !drop.includes(key)) result[key] = value;
  }
  return result;
}

/** Runs git to completion and collects its output. */
export async function runGit(argv: readonly string[], options: GitRunOptions): Promise<GitResult> {
  const child = Bun.spawn([...argv], {
    env: spawnEnv(options.env),
    cwd: options.cwd,
    stdin: options.stdin === undefined ? "ignore" : new Blob([options.stdin]),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { stdout, stderr, exitCode };
}

/** Runs git with our stdin, stdout and stderr (the SSH session); resolves to its exit code. */
export async function handOverToGit(argv: readonly string[], options: { env: Env; cwd?: string }): Promise<number> {
  const child = Bun.spawn([...argv], {
    env: spawnEnv(options.env),
    cwd: options.cwd,
    stdio: ["inherit", "inherit", "inherit"],
  });
  return await child.exited;
}

/** `producer | consumer`: both argv, stdout of one into stdin of the other; errors name the failing side. */
export async function pipeBetween(
  producer: readonly string[],
  consumer: readonly string[],
  options: GitRunOptions,
): Promise<void> {
  const env = spawnEnv(options.env);
  const first = Bun.spawn([...producer], { env, cwd: options.cwd, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const second = Bun.spawn([...consumer], {
    env,
    cwd: options.cwd,
    stdin: first.stdout,
    stdout: "ignore",
    stderr: "pipe",
  });
  const [firstErr, secondErr, firstCode, secondCode] = await Promise.all([
    new Response(first.stderr).text(),
    new Response(second.stderr).text(),
    first.exited,
    second.exited,
  ]);
  if (firstCode !== 0)
    throw new Error(`${producer.slice(0, 3).join(" ")} failed (exit ${firstCode}): ${firstErr.trim()}`);
  if (secondCode !== 0) throw new Error(`${consumer[0]} failed (exit ${secondCode}): ${secondErr.trim()}`);
}
