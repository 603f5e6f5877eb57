import { existsSync, readFileSync, rmSync } from "node:fs";
import type { Context } from "../../core/context";
import { fail } from "../../core/errors";
import { userNameFromPasswd } from "../../core/system-user";
import { atomicWriteFileSync } from "../../store/atomic-write";

/** First line of every crontab we write: only a crontab that starts with it is ever removed. */
export const CRONTAB_HEADER =
  "# Written by dokku from the apps' app.json cron entries: regenerated on deploys and cron:* changes, do not edit.";

/** Where the host schedule goes: the dokku user's crontab, or a file when tests ask (DOKKU_CRONTAB_FILE). */
export interface CrontabTarget {
  /** Replaces the schedule with `text`. */
  install(text: string): Promise<void>;
  /** Removes a schedule we wrote; whether there was one. */
  remove(): Promise<boolean>;
}

export function crontabTarget(ctx: Context): CrontabTarget {
  const file = ctx.env.DOKKU_CRONTAB_FILE;
  if (file) return fileTarget(ctx, file);
  return commandTarget(crontabUser(ctx));
}

/** The file is written atomically, as `crontab -` would replace the table at once. */
function fileTarget(ctx: Context, path: string): CrontabTarget {
  return {
    install: async (text) => atomicWriteFileSync(path, text, { mode: 0o600, owner: ctx.owner }),
    remove: async () => {
      if (!existsSync(path) || !readFileSync(path, "utf8").startsWith(CRONTAB_HEADER)) return false;
      rmSync(path, { force: true });
      return true;
    },
  };
}

/** `crontab [-u <user>] -` fed on stdin; `crontab -l` / `-r` to remove ours. */
function commandTarget(user: string | undefined): CrontabTarget {
  const userArgs = user ? ["-u", user] : [];
  return {
    install: async (text) => {
      const result = await crontab([...userArgs, "-"], text);
      if (result.exitCode !== 0) fail(`Unable to update schedule file: ${result.stderr.trim()}`);
    },
    remove: async () => {
      const listed = await crontab([...userArgs, "-l"]);
      if (listed.exitCode !== 0 || !listed.stdout.startsWith(CRONTAB_HEADER)) return false;
      const removed = await crontab([...userArgs, "-r"]);
      if (removed.exitCode !== 0) fail(`Unable to remove schedule file: ${removed.stderr.trim()}`);
      return true;
    },
  };
}

/** Run as root, the crontab is the state owner's (the dokku user's); else the caller's own. */
function crontabUser(ctx: Context): string | undefined {
  if (!ctx.isRoot || !ctx.owner) return undefined;
  try {
    return userNameFromPasswd(readFileSync("/etc/passwd", "utf8"), ctx.owner.uid) ?? String(ctx.owner.uid);
  } catch {
    return String(ctx.owner.uid);
  }
}

async function crontab(
  args: readonly string[],
  stdin?: string,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const spawn = () =>
    Bun.spawn(["crontab", ...args], {
      stdin: stdin === undefined ? "ignore" : new Blob([stdin]),
      stdout: "pipe",
      stderr: "pipe",
    });
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      fail("crontab not found: install the cron package (apt-get install cron) to schedule cron tasks");
    throw error;
  }
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { exitCode, stdout, stderr };
}
