import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { buildAsPlugin } from "../../sdk/assemblyscript/scripts/build";
import { recoveryHint } from "../../src/cli/authorize";
import { DOKKU_BIN, runDokku, runProgram, tempDir, tempRoots, type RunResult } from "../harness";
import { docker, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";
import { BUSYBOX_APP } from "./fixtures/git-work";
import { machine } from "../machine";

/**
 * Issue 12 (items 1, 3, 5): adversarial plugins built from source
 * (test/e2e/fixtures/hostile-plugins: eavesdropper, liar, painter), installed with
 * plugin:install and driven through the compiled binary:
 * - eavesdropper holds only a net grant and posts every trigger input it gets to a listener
 *   here: no config value reaches it (user-auth gets the command and its app, never its args;
 *   deploy-failed no reason), until it is installed with --allow-config;
 * - liar names apps, builders and proxy types that do not exist and floods its lists: the
 *   commands acting on every app see only real ones and leave the state trees as they were;
 * - painter prints, fails and refuses with escape sequences: none reaches the terminal.
 */
const FIXTURES = join(import.meta.dir, "fixtures", "hostile-plugins");
const BUILD_TIMEOUT = 120_000;
/** Each command here starts a sandbox; several run at once under a loaded machine. */
const TIMEOUT = 60_000;
const SECRET = "secret-value";
/** Control characters, escape introducers and bidi controls: none may reach the terminal. */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** A server on 127.0.0.1 (port 0) keeping what is posted to it: where eavesdropper sends what it got. */
function listener(): { url: string; port: number; bodies: { trigger: string; input: Envelope }[] } & Disposable {
  const bodies: { trigger: string; input: Envelope }[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      bodies.push({ trigger: new URL(request.url).pathname.slice(1), input: (await request.json()) as Envelope });
      return new Response("ok");
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    port: server.port as number,
    bodies,
    [Symbol.dispose]: () => void server.stop(true),
  };
}

interface Envelope {
  readonly trigger: string;
  readonly app: string | null;
  readonly payload: Record<string, unknown>;
}

/** Copies a fixture plugin, lets `edit` change its files, and builds it with the kit's build script. */
async function buildPlugin(name: string, into: string, edit: (dir: string) => void = () => undefined): Promise<string> {
  const source = join(into, `${name}-source`);
  cpSync(join(FIXTURES, name), source, { recursive: true });
  edit(source);
  const out = join(into, name);
  await buildAsPlugin(source, out);
  return out;
}

function replaceIn(path: string, from: string, to: string): void {
  writeFileSync(path, readFileSync(path, "utf8").replaceAll(from, to));
}

/** Every path under `root`, relative and sorted: the state tree a command may not grow. */
function tree(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).map((path) => relative(root, join(root, path))).sort();
}

async function must(env: Record<string, string>, ...args: string[]): Promise<RunResult> {
  const result = await runDokku(args, { env });
  if (result.exitCode !== 0) throw new Error(`dokku ${args.join(" ")} exited ${result.exitCode}:\n${result.stderr}`);
  return result;
}

describe("issue 12: a plugin with only a net grant receives no secret (eavesdropper)", () => {
  const roots = tempRoots();
  const built = tempDir("dokku-eavesdropper-");
  const sink = listener();
  const APP = `eaves-${process.pid}`;
  const env = roots.env;
  let netOnly: string;
  let withConfig: string;

  beforeAll(async () => {
    const aim = (dir: string) => replaceIn(join(dir, "assembly", "index.ts"), "__SINK_URL__", sink.url);
    netOnly = await buildPlugin("eavesdropper", join(built.path, "net"), aim);
    withConfig = await buildPlugin("eavesdropper", join(built.path, "config"), (dir) => {
      aim(dir);
      replaceIn(join(dir, "plugin.toml"), "net = true", "net = true\nconfig = true");
    });
    await must(env, "plugin:install", netOnly, `--allow-net=127.0.0.1:${sink.port}`);
    await must(env, "apps:create", APP);
  }, BUILD_TIMEOUT);

  afterAll(() => {
    sink[Symbol.dispose]();
    built[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  const seen = (trigger: string) => sink.bodies.filter((body) => body.trigger === trigger).map((body) => body.input);

  test(
    "config:set: user-auth reaches it with the command and its app, never the words; post-config-update with the keys only",
    async () => {
      sink.bodies.length = 0;
      await must(
        env,
        "config:set",
        "--no-restart",
        APP,
        `DATABASE_URL=postgres://user:${SECRET}@db/x`,
        `TOKEN=${SECRET}`,
      );
      await must(env, "config:set", "--global", `GLOBAL_TOKEN=${SECRET}`);
      await must(env, "config:get", APP, "TOKEN");
      // what sshd runs for `git fetch dokku@host:/APP`: the app is the repo's
      await runDokku(["git-upload-pack", `/${APP}`], { env });
      expect(JSON.stringify(sink.bodies)).not.toContain(SECRET);
      expect(
        seen("user-auth").map(({ app, payload }) => ({
          app,
          command: payload.command,
          payloadApp: payload.app,
          args: payload.args,
        })),
      ).toEqual([
        { app: APP, command: "config:set", payloadApp: APP, args: [] },
        { app: null, command: "config:set", payloadApp: null, args: [] },
        { app: APP, command: "config:get", payloadApp: APP, args: [] },
        { app: APP, command: "git-upload-pack", payloadApp: APP, args: [] },
      ]);
      expect(seen("post-config-update").map(({ payload }) => payload.keys)).toEqual([
        ["DATABASE_URL", "TOKEN"],
        ["GLOBAL_TOKEN"],
      ]);
    },
    TIMEOUT,
  );

  test(
    "deploy-failed reaches it with the stage and release, never the reason (it may quote the app's output)",
    async () => {
      sink.bodies.length = 0;
      const payload = { app: APP, stage: "deploy", reason: `Could not start web.1: TOKEN=${SECRET}`, releaseId: 2 };
      await must(env, "plugin:trigger", "deploy-failed", JSON.stringify(payload));
      expect(JSON.stringify(sink.bodies)).not.toContain(SECRET);
      expect(seen("deploy-failed").map((input) => input.payload)).toEqual([{ ...payload, reason: "" }]);
    },
    TIMEOUT,
  );

  test.skipIf(!machine.baseImage)(
    "a real failed deploy whose container prints its config: the user sees why, the plugin does not",
    async () => {
      sink.bodies.length = 0;
      using work = tempDir("dokku-eaves-app-");
      const tree = join(work.path, "tree");
      cpSync(BUSYBOX_APP, tree, { recursive: true });
      writeFileSync(join(tree, "Procfile"), "web: sh -c 'echo TOKEN=$TOKEN; exit 3'\n");
      const check = { type: "startup", name: "up", path: "/", attempts: 1, wait: 1, timeout: 1 };
      writeFileSync(
        join(tree, "app.json"),
        `${JSON.stringify({ formation: { web: { quantity: 1 } }, healthchecks: { web: [check] } })}\n`,
      );
      const archive = join(work.path, "app.tar");
      expect((await runProgram(["tar", "-cf", archive, "-C", tree, "."])).exitCode).toBe(0);
      const child = Bun.spawn([DOKKU_BIN, "git:from-archive", APP, "--"], {
        env: { ...process.env, ...env },
        stdin: Bun.file(archive),
        stdout: "pipe",
        stderr: "pipe",
      });
      const [, stderr, exitCode] = await Promise.all([
        new Response(child.stdout).text(),
        new Response(child.stderr).text(),
        child.exited,
      ]);
      try {
        expect(exitCode).not.toBe(0);
        expect(stderr).toContain(`TOKEN=${SECRET}`);
        expect(seen("deploy-failed").map(({ payload }) => payload.reason)).toEqual([""]);
        expect(seen("post-extract")).toHaveLength(1);
        expect(JSON.stringify(sink.bodies)).not.toContain(SECRET);
      } finally {
        await removeAppLeftovers(await docker(), APP);
      }
    },
    BUILD_TIMEOUT,
  );

  test(
    "installed with --allow-config it gets the words of config:set, as it could read the config anyway",
    async () => {
      await must(env, "plugin:uninstall", "eavesdropper");
      await must(env, "plugin:install", withConfig, `--allow-net=127.0.0.1:${sink.port}`, "--allow-config");
      sink.bodies.length = 0;
      await must(env, "config:set", "--no-restart", APP, `TOKEN=${SECRET}`);
      expect(seen("user-auth").map(({ payload }) => payload.args)).toEqual([["--no-restart", APP, `TOKEN=${SECRET}`]]);
    },
    TIMEOUT,
  );
});

describe("issue 12: a plugin's results name only real apps, builders and proxy types (liar)", () => {
  const roots = tempRoots();
  const built = tempDir("dokku-liar-");
  const APP = `liar-${process.pid}`;
  const env = roots.env;
  const dokku = (...args: string[]) => runDokku(args, { env });
  /** The commands that act on every app, and `report`, one after the other (two at once would contend for the app's lock). */
  const everyApp = async () => {
    const results: RunResult[] = [];
    for (const args of [["apps:list"], ["ps:stop", "--all"], ["proxy:disable", "--all"], ["report"]])
      results.push(await dokku(...args));
    return results;
  };
  const states = () => ({ home: tree(roots.env.DOKKU_ROOT as string), lib: tree(roots.env.DOKKU_LIB_ROOT as string) });

  beforeAll(async () => {
    const liar = await buildPlugin("liar", built.path);
    await must(env, "apps:create", APP);
    await must(env, "plugin:install", liar);
    // once without the liar: what these commands write for the real app is written now
    await must(env, "plugin:disable", "liar");
    for (const result of await everyApp()) expect(result.exitCode).toBe(0);
    await must(env, "plugin:enable", "liar");
  }, BUILD_TIMEOUT);

  afterAll(() => {
    built[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  test(
    "apps:list shows the real app, and one warning per list naming the liar",
    async () => {
      expect(await dokku("apps:list")).toEqual({
        stdout: `=====> My Apps\n${APP}\n`,
        stderr:
          ' !     plugin liar returned for app-list: 100004 values not naming an existing app (dropped): "--global", "../../tmp/x", "\\u001b[2J\\u001b]0;pwned\\u0007" and 100001 more\n' +
          ' !     plugin liar returned for user-auth-app: 2 values not naming an existing app (dropped): "--global", "../../tmp/x"\n',
        exitCode: 0,
      });
    },
    TIMEOUT,
  );

  test(
    "ps:stop --all, proxy:disable --all and report act on the real app only and create nothing",
    async () => {
      const before = states();
      const [list, stop, disable, report] = await everyApp();
      for (const result of [list, stop, disable, report]) {
        expect(result?.exitCode).toBe(0);
        // the liar's proxy type `caddy...` never becomes the app's (report has a caddy properties section of its own)
        expect(result?.stdout).not.toMatch(/--global|tmp\/x|ghost-app|type:\s+caddy|pwned/);
        expect(`${result?.stdout}${result?.stderr}`).not.toMatch(UNSAFE);
        for (const line of (result?.stderr ?? "").split("\n").filter((text) => text.startsWith(" !     plugin")))
          expect(line).toStartWith(" !     plugin liar returned for ");
      }
      expect(stop?.stdout).toBe(`-----> Running stop against app ${APP}\n`);
      expect(disable?.stdout).toStartWith(`-----> Running disable against app ${APP}\n`);
      const headings = (report?.stdout ?? "").split("\n").filter((line) => line.startsWith("=====> "));
      expect(headings.every((line) => line.startsWith(`=====> ${APP} `))).toBe(true);
      // the liar's own section, cut to 4096 entries; the one claiming `app` dropped
      expect(headings.filter((line) => line === `=====> ${APP} liar information`)).toHaveLength(15);
      expect(headings.filter((line) => line === `=====> ${APP} app information`)).toHaveLength(1);
      expect(report?.stderr).toContain(
        ' !     plugin liar returned for report: 100 items, more than the 16 allowed (kept the first 16); 5000 items in /*/entries, more than the 4096 allowed (kept the first 4096); 1 value other than its own name (liar) (dropped): "app"\n',
      );
      expect(states()).toEqual(before);
    },
    TIMEOUT,
  );

  test(
    "issue 14: Dokku's positional plugin:trigger screens its answers as the JSON form does",
    async () => {
      const apps = await dokku("plugin:trigger", "app-list");
      expect({ stdout: apps.stdout, exitCode: apps.exitCode }).toEqual({ stdout: `${APP}\n`, exitCode: 0 });
      expect(apps.stderr).toStartWith(" !     plugin liar returned for app-list: ");
      using source = tempDir("dokku-liar-source-");
      const builder = await dokku("plugin:trigger", "builder-detect", APP, source.path);
      expect({ stdout: builder.stdout, exitCode: builder.exitCode }).toEqual({ stdout: "", exitCode: 0 });
    },
    TIMEOUT,
  );
});

describe("issue 12: nothing a plugin prints, fails or refuses with reaches the terminal as escape sequences (painter)", () => {
  const roots = tempRoots();
  const built = tempDir("dokku-painter-");
  const APP = `painter-${process.pid}`;
  const env = roots.env;
  const dokku = (...args: string[]) => runDokku(args, { env });
  const CLEAN = "clip title clear c1 overwritten bidievil end";

  beforeAll(async () => {
    await must(env, "plugin:install", await buildPlugin("painter", built.path));
    await must(env, "apps:create", APP);
  }, BUILD_TIMEOUT);

  afterAll(() => {
    built[Symbol.dispose]();
    roots[Symbol.dispose]();
  });

  test(
    "its output at every level is stripped of OSC 52, titles, CSI, C1, \\r and bidi overrides",
    async () => {
      expect(await dokku("painter:paint")).toEqual({
        stdout: `-----> ${CLEAN}\n=====> ${CLEAN}\n       ${CLEAN}\n${CLEAN}\n`,
        stderr: ` !     ${CLEAN}\n`,
        exitCode: 0,
      });
    },
    TIMEOUT,
  );

  test(
    "its own error and its veto's reason are stripped the same way",
    async () => {
      expect(await dokku("painter:fail")).toEqual({ stdout: "", stderr: ` !     ${CLEAN}\n`, exitCode: 1 });
      // root at its own shell is also told how to get rid of the refusing plugin (cli/authorize.ts)
      expect(await dokku("painter:veto")).toEqual({
        stdout: "",
        stderr: ` !     ${CLEAN}\n !     ${recoveryHint("painter")}\n`,
        exitCode: 1,
      });
    },
    TIMEOUT,
  );

  test(
    "its report values are shown stripped, as text and as JSON",
    async () => {
      const report = await dokku("report", APP);
      expect(report.exitCode).toBe(0);
      expect(report.stdout).toContain(
        `=====> ${APP} painter information\n       ${"Painter canvas:".padEnd(31)}${CLEAN}\n`,
      );
      expect(report.stdout).not.toMatch(UNSAFE);
      const json = await dokku("report", APP, "--format", "json");
      expect(json.stdout).toContain(`{"canvas":"${CLEAN}","painter-canvas":"${CLEAN}"}`);
      expect(json.stdout).not.toMatch(UNSAFE);
    },
    TIMEOUT,
  );

  test(
    "issue 14: Dokku's positional plugin:trigger prints each section a line, every control escaped",
    async () => {
      const fired = await dokku("plugin:trigger", "report", APP);
      expect(fired.exitCode).toBe(0);
      expect(fired.stdout).not.toMatch(UNSAFE);
      const sections = fired.stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line) as { namespace: string; entries: { value: string }[] });
      expect(sections.find((section) => section.namespace === "painter")?.entries[0]?.value).toContain(
        "c1\u009b2J over\rwritten bidi\u202eevil",
      );
    },
    TIMEOUT,
  );

  test(
    "plugin:trigger prints its result as JSON with every control escaped, the data intact",
    async () => {
      const fired = await dokku("plugin:trigger", "report", JSON.stringify({ app: APP }));
      expect(fired.exitCode).toBe(0);
      expect(fired.stdout).not.toMatch(UNSAFE);
      const sections = JSON.parse(fired.stdout) as { namespace: string; entries: { value: string }[] }[];
      expect(sections.find((section) => section.namespace === "painter")?.entries[0]?.value).toContain(
        "c1\u009b2J over\rwritten bidi\u202eevil",
      );
    },
    TIMEOUT,
  );

  test(
    "a plugin.toml whose description carries an escape sequence is refused at install, naming the field",
    async () => {
      using dir = tempDir("dokku-painter-bad-");
      cpSync(join(built.path, "painter"), dir.path, { recursive: true });
      replaceIn(join(dir.path, "plugin.toml"), 'name = "painter"', 'name = "smudger"');
      replaceIn(join(dir.path, "plugin.toml"), "Hostile: prints", "Hostile\\u001b]0;pwned\\u0007: prints");
      expect(await dokku("plugin:install", dir.path)).toEqual({
        stdout: "",
        stderr: " !     plugin.toml: description must be one line of printable text\n",
        exitCode: 1,
      });
    },
    TIMEOUT,
  );
});
