import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Context } from "../../../src/core/context";
import type { Formation, Release } from "../../../src/plugins/deploy/contracts";
import { writeEnv } from "../../../src/plugins/config/env-store";
import { startApp } from "../../../src/plugins/ps/lifecycle";
import { psReport } from "../../../src/plugins/ps/report";
import { commitRelease, writeRelease } from "../../../src/plugins/release/release-store";
import type { ContainerStatus, RunOptions, Scheduler } from "../../../src/plugins/scheduler/scheduler";
import { dokkuErrorOfAsync } from "../../harness";

/**
 * What a scheduler's test file hands the contract. The app exists (its directories), has no
 * containers yet, and `image` is `dokku/<app>:<tag>` built FROM dokku-test/busybox, with
 * `/www/index.html`: the contract's Procfile runs busybox's `httpd` and `sh` in it.
 */
export interface ContractSubject {
  readonly scheduler: Scheduler;
  /** A context on temp roots whose output lands in `output`. */
  readonly ctx: Context;
  readonly app: string;
  readonly image: string;
  /** What ctx.out wrote (stdout and stderr); the contract clears it between steps. */
  readonly output: { out: string; err: string };
  /**
   * The scheduler's own view of everything it made for the app, whatever its state, named
   * as `status` names its containers: what `retire` and `destroy` must not leave behind.
   */
  footprint(): Promise<{ readonly containers: readonly string[]; readonly images: readonly string[] }>;
  /** What of the footprint's containers the scheduler keeps beside the app's own (swarm's services and router): retire leaves them. */
  infrastructure?(): Promise<readonly string[]>;
  /** Removes whatever is left (containers, images, temp roots), even after a failed case. */
  cleanup(): Promise<void>;
}

/** Contract cases a scheduler may declare it fails today (see `knownBugs`). */
export type ContractCase = "destroy-running-detached";

export interface ContractOptions {
  /**
   * Cases this scheduler is known to fail, with why: they are marked `KNOWN BUG` and kept as
   * `test.todo` until fixed (then remove the entry: `bun test --todo` reports them passing).
   */
  readonly knownBugs?: Partial<Record<ContractCase, string>>;
  /** Each case's bound in ms (default 20 s); Swarm's rolling updates take longer than containers. */
  readonly stepTimeoutMs?: number;
  /**
   * beforeAll's bound (default: a case's): longer than any wait of `make` for a shared resource,
   * or a hook that times out while `make` waits leaves behind what `make` then sets up.
   */
  readonly setupTimeoutMs?: number;
}

/** Each case's default bound: a deploy settles in a few seconds; a stop waits at most the stop timeout. */
const DEFAULT_STEP_TIMEOUT = 20_000;

/** The config value `inspect` must hide and `run` must see. */
const SECRET = "contract-s3cret-value";

/** Procfile: web prints a line then serves /www on $PORT; worker prints a line then sleeps. */
const PROCESSES = {
  web: "sh -c 'echo web listening on $PORT; exec httpd -f -p $PORT -h /www'",
  worker: "sh -c 'echo worker up; exec sleep 1000'",
};

/** The parts of a status every scheduler agrees on (names and ids are its own). */
function summary(status: readonly ContainerStatus[]): string[] {
  return status.map(
    (container) => `${container.proc}.${container.index} ${container.state} release=${container.releaseId}`,
  );
}

function idsByDyno(status: readonly ContainerStatus[]): Record<string, string> {
  return Object.fromEntries(status.map((container) => [`${container.proc}.${container.index}`, container.id]));
}

function runOptions(command: readonly string[], detached = false): RunOptions {
  return { command, env: [], tty: false, detached, ttlSeconds: 60 };
}

/**
 * The behaviours every scheduler must have (issue 7), through the Scheduler methods only.
 * The cases run in order on one app: each starts from the state the previous one left.
 */
export function schedulerContract(
  name: string,
  make: () => Promise<ContractSubject>,
  options: ContractOptions = {},
): void {
  const STEP_TIMEOUT = options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT;
  /** A case a scheduler is known to fail: `test.todo`, so it runs (and must fail) only under `bun test --todo`. */
  function bugCase(key: ContractCase, title: string, fn: () => Promise<void>): void {
    const reason = options.knownBugs?.[key];
    if (reason === undefined) test(title, fn, STEP_TIMEOUT);
    else test.todo(`KNOWN BUG in ${name}: ${title} (${reason})`, fn, STEP_TIMEOUT);
  }

  describe(`scheduler contract: ${name}`, () => {
    let subject: ContractSubject | undefined;
    const formation: Formation = { web: 2, worker: 1 };
    const next: Formation = { web: 1, worker: 1 };

    function the(): ContractSubject {
      if (!subject) throw new Error("the contract subject was not made");
      return subject;
    }

    function release(
      id: number,
      processes: Record<string, string> = PROCESSES,
      appJson: Release["appJson"] = {},
    ): Release {
      const { app, image } = the();
      return {
        id,
        app,
        image,
        builder: "dockerfile",
        source: "image",
        createdAt: "2024-01-01T00:00:00.000Z",
        processes,
        appJson,
      };
    }

    async function status(): Promise<string[]> {
      const { scheduler, ctx, app } = the();
      return summary(await scheduler.status(ctx, app));
    }

    function clearOutput(): void {
      the().output.out = "";
      the().output.err = "";
    }

    beforeAll(async () => {
      subject = await make();
      writeEnv(subject.ctx, { kind: "app", app: subject.app }, new Map([["SECRET", SECRET]]));
    }, options.setupTimeoutMs ?? STEP_TIMEOUT);

    afterAll(async () => {
      await subject?.cleanup();
    }, STEP_TIMEOUT);

    test(
      "deploy runs the formation's containers of the release",
      async () => {
        const { scheduler, ctx, app } = the();
        await scheduler.deploy(ctx, app, release(1), formation);
        expect(await status()).toEqual([
          "web.1 running release=1",
          "web.2 running release=1",
          "worker.1 running release=1",
        ]);
      },
      STEP_TIMEOUT,
    );

    test(
      "logs print each web container's output lines, prefixed with its dyno or raw",
      async () => {
        const { scheduler, ctx, app, output } = the();
        clearOutput();
        await scheduler.logs(ctx, app, { processType: "web", num: 10, follow: false, raw: false });
        const prefixed = output.out
          .split("\n")
          .filter(Boolean)
          .map((line) => line.replace(/^\S+ /, "<time> "))
          .sort();
        clearOutput();
        await scheduler.logs(ctx, app, { processType: "web", num: 10, follow: false, raw: true });
        expect({ prefixed, raw: output.out }).toEqual({
          prefixed: ["<time> app[web.1]: web listening on 5000", "<time> app[web.2]: web listening on 5000"],
          raw: "web listening on 5000\nweb listening on 5000\n",
        });
      },
      STEP_TIMEOUT,
    );

    test(
      "a redeploy of a new release leaves only the new release's containers",
      async () => {
        const { scheduler, ctx, app } = the();
        await scheduler.deploy(ctx, app, release(2), next);
        expect(await status()).toEqual(["web.1 running release=2", "worker.1 running release=2"]);
      },
      STEP_TIMEOUT,
    );

    test(
      "a deploy whose web fails its health check throws, keeps the old release running and keeps its output for failedLogs",
      async () => {
        const { scheduler, ctx, app, output } = the();
        const before = await scheduler.status(ctx, app);
        const failing = release(3, PROCESSES, {
          healthchecks: { web: [{ type: "startup", name: "contract", path: "/missing", attempts: 1, timeout: 2 }] },
        });
        const message = await dokkuErrorOfAsync(() => scheduler.deploy(ctx, app, failing, next));
        const after = await scheduler.status(ctx, app);
        clearOutput();
        await scheduler.failedLogs(ctx, app);
        expect({
          namesWeb1: /\bweb\.1\b/.test(message.split("\n")[0] ?? ""),
          status: summary(after),
          ids: idsByDyno(after),
          failedLogs: output.out.includes("web listening on 5000"),
        }).toEqual({
          namesWeb1: true,
          status: ["web.1 running release=2", "worker.1 running release=2"],
          ids: idsByDyno(before),
          failedLogs: true,
        });
      },
      STEP_TIMEOUT,
    );

    test(
      "a deploy whose commit point fails throws and goes back to the old release",
      async () => {
        const { scheduler, ctx, app } = the();
        const failing = () => {
          throw new Error("no space left on device");
        };
        const message = await dokkuErrorOfAsync(() =>
          scheduler.deploy(ctx, app, release(4), next, { commit: failing }),
        );
        const wanted = ["web.1 running release=2", "worker.1 running release=2"];
        // Swarm rolls its services back on its own time: wait (bounded) until they settle
        let settled = await status();
        for (
          const deadline = Date.now() + STEP_TIMEOUT / 2;
          JSON.stringify(settled) !== JSON.stringify(wanted) && Date.now() < deadline;
          settled = await status()
        )
          await Bun.sleep(250);
        expect({ message, status: settled }).toEqual({
          message: `Could not record the deploy of ${app} as done (no space left on device); it was rolled back`,
          status: wanted,
        });
      },
      STEP_TIMEOUT,
    );

    test(
      "retire leaves nothing but the running release's containers",
      async () => {
        const { scheduler, ctx, app } = the();
        await scheduler.retire(ctx, app);
        const names = (await scheduler.status(ctx, app)).map((container) => container.name).sort();
        const kept = new Set((await the().infrastructure?.()) ?? []);
        const containers = (await the().footprint()).containers.filter((name) => !kept.has(name));
        expect({ status: await status(), containers: [...containers].sort() }).toEqual({
          status: ["web.1 running release=2", "worker.1 running release=2"],
          containers: names,
        });
      },
      STEP_TIMEOUT,
    );

    test(
      "restart of one process type replaces only its containers, with the same release",
      async () => {
        const { scheduler, ctx, app } = the();
        const before = idsByDyno(await scheduler.status(ctx, app));
        await scheduler.restart(ctx, app, release(2), next, "worker");
        const after = await scheduler.status(ctx, app);
        const ids = idsByDyno(after);
        expect({
          status: summary(after),
          webKept: ids["web.1"] === before["web.1"],
          workerReplaced: ids["worker.1"] !== before["worker.1"],
        }).toEqual({
          status: ["web.1 running release=2", "worker.1 running release=2"],
          webKept: true,
          workerReplaced: true,
        });
      },
      STEP_TIMEOUT,
    );

    test(
      "stop leaves no container of the app running",
      async () => {
        const { scheduler, ctx, app } = the();
        await scheduler.stop(ctx, app);
        expect((await scheduler.status(ctx, app)).filter((container) => container.state === "running")).toEqual([]);
      },
      STEP_TIMEOUT,
    );

    test(
      "start runs the release's formation again",
      async () => {
        const { scheduler, ctx, app } = the();
        await scheduler.start(ctx, app, release(2), next);
        expect(await status()).toEqual(["web.1 running release=2", "worker.1 running release=2"]);
      },
      STEP_TIMEOUT,
    );

    test(
      "ps:report --running says what ps:start decides: running as recorded, scaled past what runs, stopped",
      async () => {
        const { scheduler, ctx, app, output } = the();
        // the app as the commands see it: this scheduler selected, release 2 current, its scale recorded
        ctx.store.set("scheduler", app, "selected", scheduler.name);
        writeRelease(ctx, release(2));
        commitRelease(ctx, app, { id: 2 });
        const scale = (web: number) => ctx.store.setList("ps", app, "scale", [`web=${web}`, "worker=1"]);
        /** `--running` of ps:report, then what ps:start decided (its warning), in the state of now. */
        async function both(): Promise<{ report: string; start: string }> {
          const report = (await psReport(ctx, app)).entries["--running"] ?? "";
          clearOutput();
          await startApp(ctx, app);
          const said = output.err + output.out;
          const start = said.includes("already running")
            ? "true"
            : said.includes("mixed mode")
              ? "mixed"
              : said.includes("not running")
                ? "false"
                : `? ${said}`;
          return { report, start };
        }
        try {
          scale(1);
          const recorded = await both();
          scale(2);
          const scaledUp = await both();
          scale(1);
          await scheduler.stop(ctx, app);
          const stopped = await both();
          expect({ recorded, scaledUp, stopped }).toEqual({
            recorded: { report: "true", start: "true" },
            scaledUp: { report: scaledUp.start, start: scaledUp.start },
            stopped: { report: "false", start: "false" },
          });
        } finally {
          // the next cases start from the release's formation running
          scale(1);
          await scheduler.deploy(ctx, app, release(2), next);
        }
      },
      STEP_TIMEOUT * 3,
    );

    test(
      "run returns the command's exit code and prints its output, with the app's config, and leaves no container",
      async () => {
        const { scheduler, ctx, app, output } = the();
        clearOutput();
        const result = await scheduler.run(
          ctx,
          app,
          release(2),
          runOptions(["sh", "-c", "echo ran with $SECRET; exit 7"]),
        );
        expect({ exitCode: result.exitCode, out: output.out, runList: await scheduler.runList(ctx, app) }).toEqual({
          exitCode: 7,
          out: `ran with ${SECRET}\n`,
          runList: [],
        });
      },
      STEP_TIMEOUT,
    );

    test(
      "runList shows a detached one-off container while it runs, and it is gone once it exits",
      async () => {
        const { scheduler, ctx, app } = the();
        const result = await scheduler.run(ctx, app, release(2), runOptions(["sleep", "1"], true));
        const listed = (await scheduler.runList(ctx, app)).map((container) => ({
          name: container.name,
          state: container.state,
        }));
        expect({
          listed,
          afterExit: await until(async () => (await scheduler.runList(ctx, app)).length === 0, 10_000),
        }).toEqual({
          listed: [{ name: result.containerName, state: "running" }],
          afterExit: true,
        });
      },
      STEP_TIMEOUT,
    );

    test(
      "inspect describes each container with config values hidden",
      async () => {
        const { scheduler, ctx, app } = the();
        const inspected = await scheduler.inspect(ctx, app);
        const text = JSON.stringify(inspected);
        expect({ count: inspected.length, hidden: !text.includes(SECRET), keyShown: text.includes("SECRET") }).toEqual({
          count: (await scheduler.status(ctx, app)).length,
          hidden: true,
          keyShown: true,
        });
      },
      STEP_TIMEOUT,
    );

    bugCase(
      "destroy-running-detached",
      "destroy also removes detached one-off containers that are still running",
      async () => {
        const { scheduler, ctx, app } = the();
        // several at once: a race with the container's own removal shows on some of them
        for (let n = 0; n < 4; n++)
          await scheduler.run(
            ctx,
            app,
            release(2),
            runOptions(["sh", "-c", "trap 'exit 0' TERM; sleep 30 & wait"], true),
          );
        try {
          await scheduler.destroy(ctx, app, { keepImages: true });
          expect({
            status: await status(),
            runList: await scheduler.runList(ctx, app),
            containers: (await the().footprint()).containers,
          }).toEqual({
            status: [],
            runList: [],
            containers: [],
          });
        } finally {
          // what a failed destroy left behind must not reach the next case
          await until(async () => (await scheduler.runList(ctx, app)).length === 0, 15_000);
        }
      },
    );

    test(
      "destroy removes every container and image of the app",
      async () => {
        const { scheduler, ctx, app } = the();
        await scheduler.start(ctx, app, release(2), next); // a no-op unless a case before destroyed the app
        await scheduler.destroy(ctx, app);
        expect({
          status: await status(),
          runList: await scheduler.runList(ctx, app),
          footprint: await the().footprint(),
        }).toEqual({
          status: [],
          runList: [],
          footprint: { containers: [], images: [] },
        });
      },
      STEP_TIMEOUT,
    );
  });
}

/** Polls `condition` every 100 ms until it holds or `timeoutMs` passed; whether it held. */
async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await Bun.sleep(100);
  }
}
