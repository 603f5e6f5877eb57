import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildPlugin } from "../../plugins-wasm/build";
import { buildAsPlugin } from "../../sdk/assemblyscript/scripts/build";
import { DOKKU_BIN, runDokku, runProgram, tempDir, tempRoots, type RunResult } from "../harness";
import { authorizedKeysOf } from "../plugins/ssh-keys/fixtures";
import { docker, removeAppLeftovers } from "../plugins/scheduler-docker-local/fixture";
import { writePlugin } from "../wasm/plugin-fixture";
import { wasmPluginsListed } from "../wasm/cli-helpers";
import { deployBusyboxPage } from "./fixtures/archive-deploy";
import { freeLoopbackPort, LOOPBACK, nginxAvailable, startNginx, type TestNginx } from "./nginx";
import { sandboxesLeft } from "./sandbox-processes";
import { generateKey, sshdAvailable, startSshd } from "./sshd";
import { canDeploy, machine } from "../machine";

/**
 * Issue 12 item 2: root can always recover. Adversarial user-auth plugins built from source
 * (test/e2e/fixtures/lockout-plugins), each noting the command it was asked about in its own
 * `called` property before it refuses, traps, loops or exhausts its memory: that note is how the
 * tests see whether a plugin ran at all. Root at its own shell still lists, reports, disables,
 * enables and uninstalls them, help and version work, safe mode runs no plugin, and over ssh
 * neither safe mode nor a recovery command gets a key holder round them.
 */
const FIXTURES = join(import.meta.dir, "fixtures", "lockout-plugins");
const USER_AUTH_PLUGINS = ["gatekeeper", "hog", "jammer", "spinner"] as const;
const BUILD_TIMEOUT = 120_000;
const TIMEOUT = 60_000;
const asRoot = process.getuid?.() === 0;

/** What each plugin's user-auth handler refuses every command with. */
const REFUSAL: Record<string, string> = {
  gatekeeper: "gatekeeper lets nobody in",
  hog: "plugin hog failed on user-auth: ran out of memory (limit 16 MiB)",
  jammer: "plugin jammer failed on user-auth: wasm trap: unreachable code should not be executed",
  spinner: "plugin spinner failed on user-auth: timed out after 1000 ms",
};
const SAFE_NOTICE = " !     Safe mode: no WASM plugin runs (DOKKU_SAFE_MODE=1 or --safe-mode)\n";
const hint = (name: string) =>
  ` !     The refusal came from plugin ${name}: root can still run plugin:disable ${name}, plugin:uninstall ${name}, plugin:list and plugin:report, or any command with --safe-mode\n`;
const lockedOut = (name: string): RunResult => ({
  stdout: "",
  stderr: ` !     ${REFUSAL[name]}\n${hint(name)}`,
  exitCode: 1,
});
const ok = (stdout: string): RunResult => ({ stdout, stderr: "", exitCode: 0 });
const exitAndErrors = (result: RunResult) => ({ exitCode: result.exitCode, stderr: result.stderr });

const built = tempDir("dokku-lockout-built-");
beforeAll(async () => {
  await Promise.all(
    [...USER_AUTH_PLUGINS, "snarer"].map((name) => buildAsPlugin(join(FIXTURES, name), join(built.path, name))),
  );
}, BUILD_TIMEOUT);
afterAll(() => built[Symbol.dispose]());

/** The `called` property of every plugin that noted one (plugin -> the command it was asked about), wherever the store keeps it. */
function notes(env: Record<string, string>): Record<string, string> {
  const libRoot = env.DOKKU_LIB_ROOT as string;
  const found: Record<string, string> = {};
  for (const path of (readdirSync(libRoot, { recursive: true }) as string[]).map(String)) {
    const match = /(?:^|\/)([a-z][a-z0-9-]*)\/--global\/called$/.exec(path);
    if (match) found[match[1] as string] = readFileSync(join(libRoot, path), "utf8");
  }
  return found;
}

/** The notes so far, removed: the next call to `notes` shows only what ran after. */
function takeNotes(env: Record<string, string>): Record<string, string> {
  const found = notes(env);
  const libRoot = env.DOKKU_LIB_ROOT as string;
  for (const path of (readdirSync(libRoot, { recursive: true }) as string[]).map(String)) {
    if (path.endsWith("/--global/called")) rmSync(join(libRoot, path));
  }
  return found;
}

/** The commands root runs to find and remove a plugin, and to read help: none may ask a plugin. */
const READ_ONLY_RECOVERY = (name: string): string[][] => [
  ["plugin:list"],
  ["plugin"],
  ["plugin:report", name],
  ["plugin:report"],
  ["help"],
  ["help", "--all"],
  ["--help"],
  ["-h"],
  ["plugin:help"],
  ["apps:help"],
  ["apps:list", "--help"],
  ["plugin:disable", "--help"],
  ["version"],
  ["--version"],
];

describe("locked out by a user-auth plugin (issue 12)", () => {
  test.each(USER_AUTH_PLUGINS)(
    "root lists, reports, disables, enables and uninstalls %s, and reads help and version, without the plugin running",
    async (name) => {
      using roots = tempRoots();
      const dokku = (...args: string[]) => runDokku(args, { env: roots.env });
      expect(exitAndErrors(await dokku("plugin:install", join(built.path, name), "--allow-store"))).toEqual({
        exitCode: 0,
        stderr: "",
      });

      const locked = await dokku("apps:list");
      const lockedAsked = takeNotes(roots.env);
      const readOnly = await Promise.all(
        READ_ONLY_RECOVERY(name).map(async (args) => [args.join(" "), exitAndErrors(await dokku(...args))] as const),
      );
      const listed = await dokku("plugin:list", "--format", "json");
      const disabled = await dokku("plugin:disable", name);
      const whileDisabled = (await dokku("apps:list")).exitCode;
      const enabled = await dokku("plugin:enable", name);
      const askedDuringRecovery = takeNotes(roots.env);
      const lockedAgain = await dokku("apps:list");
      const lockedAgainAsked = takeNotes(roots.env);
      const uninstalled = await dokku("plugin:uninstall", name);
      const afterUninstall = { apps: (await dokku("apps:list")).exitCode, list: await dokku("plugin:list") };

      expect({
        locked,
        lockedAsked,
        readOnly: Object.fromEntries(readOnly),
        listed: {
          ...exitAndErrors(listed),
          names: wasmPluginsListed(listed.stdout).map((plugin) => [plugin.name, plugin.enabled]),
        },
        disabled,
        whileDisabled,
        enabled,
        askedDuringRecovery,
        lockedAgain,
        lockedAgainAsked,
        uninstalled: exitAndErrors(uninstalled),
        afterUninstall,
        sandboxes: await sandboxesLeft(),
      }).toEqual({
        locked: lockedOut(name),
        lockedAsked: { [name]: "apps:list" },
        readOnly: Object.fromEntries(
          READ_ONLY_RECOVERY(name).map((args) => [args.join(" "), { exitCode: 0, stderr: "" }]),
        ),
        listed: { exitCode: 0, stderr: "", names: [[name, true]] },
        disabled: ok(`-----> Plugin ${name} disabled\n`),
        whileDisabled: 0,
        enabled: ok(`-----> Plugin ${name} enabled\n`),
        askedDuringRecovery: {},
        lockedAgain: lockedOut(name),
        lockedAgainAsked: { [name]: "apps:list" },
        uninstalled: { exitCode: 0, stderr: "" },
        afterUninstall: { apps: 0, list: { stdout: "", stderr: " !     No WASM plugins installed\n", exitCode: 0 } },
        sandboxes: [],
      });
    },
    TIMEOUT,
  );

  // apps:create makes the app's repo with git
  test.skipIf(!machine.git)(
    "safe mode runs every core command and no plugin: no handler, no plugin command, no sandbox; without it the plugins run again",
    async () => {
      using roots = tempRoots();
      const greeter = writePlugin(join(roots.dir, "greeter"), {
        name: "greeter",
        commands: [{ name: "greeter:hello" }],
      });
      expect((await runDokku(["plugin:install", greeter], { env: roots.env })).exitCode).toBe(0);
      // installing behind a refusing gatekeeper is itself done in safe mode
      for (const name of USER_AUTH_PLUGINS) {
        expect(
          exitAndErrors(
            await runDokku(["--safe-mode", "plugin:install", join(built.path, name), "--allow-store"], {
              env: roots.env,
            }),
          ),
        ).toEqual({
          exitCode: 0,
          stderr: SAFE_NOTICE,
        });
      }
      const safe = (...args: string[]) => runDokku(args, { env: { ...roots.env, DOKKU_SAFE_MODE: "1" } });

      const runs = {
        create: await safe("apps:create", "web"),
        set: exitAndErrors(await safe("config:set", "--no-restart", "web", "GREETING=hi")),
        get: await safe("config:get", "web", "GREETING"),
        list: await safe("apps:list"),
        flag: await runDokku(["--safe-mode", "config:get", "web", "GREETING"], { env: roots.env }),
        report: exitAndErrors(await safe("plugin:report", "gatekeeper")),
        disable: await safe("plugin:disable", "hog"),
        enable: await safe("plugin:enable", "hog"),
        version: exitAndErrors(await safe("version")),
        command: await safe("greeter:hello"),
        commandHelp: await safe("greeter:help"),
      };
      const help = await safe("help");
      const traced = await runDokku(["--safe-mode", "--trace", "apps:list"], { env: roots.env });
      const quiet = { asked: takeNotes(roots.env), sandboxes: await sandboxesLeft() };
      const outside = await runDokku(["apps:list"], { env: roots.env });

      expect({
        runs,
        help: {
          ...exitAndErrors(help),
          listsGreeter: help.stdout.includes("greeter"),
          listsApps: help.stdout.includes("\n    apps "),
        },
        traced: {
          exitCode: traced.exitCode,
          pluginLines: traced.stderr
            .split("\n")
            .filter((line) => /plugin (gatekeeper|hog|jammer|spinner|greeter)/.test(line)),
        },
        quiet,
        outside,
        outsideAsked: notes(roots.env),
      }).toEqual({
        runs: {
          create: { stdout: "-----> Creating web...\n", stderr: SAFE_NOTICE, exitCode: 0 },
          set: { exitCode: 0, stderr: SAFE_NOTICE },
          get: { stdout: "hi\n", stderr: SAFE_NOTICE, exitCode: 0 },
          list: { stdout: "=====> My Apps\nweb\n", stderr: SAFE_NOTICE, exitCode: 0 },
          flag: { stdout: "hi\n", stderr: SAFE_NOTICE, exitCode: 0 },
          report: { exitCode: 0, stderr: SAFE_NOTICE },
          disable: { stdout: "-----> Plugin hog disabled\n", stderr: SAFE_NOTICE, exitCode: 0 },
          enable: { stdout: "-----> Plugin hog enabled\n", stderr: SAFE_NOTICE, exitCode: 0 },
          version: { exitCode: 0, stderr: SAFE_NOTICE },
          command: {
            stdout: "",
            stderr: `${SAFE_NOTICE} !     \`greeter:hello\` is a command of plugin greeter, and no plugin runs in safe mode\n`,
            exitCode: 1,
          },
          commandHelp: {
            stdout: "",
            stderr: `${SAFE_NOTICE} !     \`greeter:help\` is a command of plugin greeter, and no plugin runs in safe mode\n`,
            exitCode: 1,
          },
        },
        help: { exitCode: 0, stderr: SAFE_NOTICE, listsGreeter: false, listsApps: true },
        traced: { exitCode: 0, pluginLines: [] },
        quiet: { asked: {}, sandboxes: [] },
        // by name, gatekeeper asks first
        outside: lockedOut("gatekeeper"),
        outsideAsked: { gatekeeper: "apps:list" },
      });
    },
    TIMEOUT,
  );

  test(
    "over ssh neither safe mode nor a recovery command gets a key holder round a user-auth plugin",
    async () => {
      using roots = tempRoots();
      expect(
        (await runDokku(["plugin:install", join(built.path, "gatekeeper"), "--allow-store"], { env: roots.env }))
          .exitCode,
      ).toBe(0);
      // sshd's forced command: SSH_ORIGINAL_COMMAND and the key's NAME (this process runs as root, as sshd may)
      const overSsh = (command: string, extra: Record<string, string> = {}) =>
        runProgram([DOKKU_BIN], { env: { ...roots.env, SSH_ORIGINAL_COMMAND: command, NAME: "bob", ...extra } });
      const refused = " !     gatekeeper lets nobody in\n";

      const flag = await overSsh("--safe-mode apps:list");
      const flagAsked = takeNotes(roots.env);
      const fromEnv = await overSsh("apps:list", { DOKKU_SAFE_MODE: "1" });
      const fromEnvAsked = takeNotes(roots.env);
      const list = await overSsh("plugin:list");
      const disable = await overSsh("plugin:disable gatekeeper");
      const recoveryAsked = notes(roots.env);
      const stillEnabled = wasmPluginsListed(
        (await runDokku(["--safe-mode", "plugin:list", "--format", "json"], { env: roots.env })).stdout,
      )[0]?.enabled;

      expect({ flag, flagAsked, fromEnv, fromEnvAsked, list, disable, recoveryAsked, stillEnabled }).toEqual({
        flag: {
          stdout: "",
          stderr: " !     --safe-mode cannot be used over ssh: safe mode is for root on the server itself\n",
          exitCode: 1,
        },
        flagAsked: {},
        fromEnv: {
          stdout: "",
          stderr: ` !     DOKKU_SAFE_MODE is ignored over ssh: safe mode is for root on the server itself\n${refused}`,
          exitCode: 1,
        },
        fromEnvAsked: { gatekeeper: "apps:list" },
        list: { stdout: "", stderr: refused, exitCode: 1 },
        disable: { stdout: "", stderr: refused, exitCode: 1 },
        recoveryAsked: { gatekeeper: "plugin:disable" },
        stillEnabled: true,
      });
    },
    TIMEOUT,
  );

  test.skipIf(!asRoot)("a local user other than root cannot turn safe mode on", async () => {
    using roots = tempRoots();
    const setpriv = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", DOKKU_BIN];
    const result = await runProgram([...setpriv, "--safe-mode", "plugin:list"], {
      env: { ...roots.env, SSH_ORIGINAL_COMMAND: undefined, NAME: undefined },
    });
    expect(result).toEqual({ stdout: "", stderr: " !     --safe-mode must be run as root\n", exitCode: 1 });
  });

  test.skipIf(!sshdAvailable())(
    "through a real sshd: --safe-mode is refused and DOKKU_SAFE_MODE in the session is ignored",
    async () => {
      using roots = tempRoots();
      using keys = tempDir("dokku-lockout-keys-");
      const identity = await generateKey(keys.path, "bob");
      expect((await runDokku(["ssh-keys:add", "bob", `${identity}.pub`], { env: roots.env })).exitCode).toBe(0);
      expect(
        (await runDokku(["plugin:install", join(built.path, "gatekeeper"), "--allow-store"], { env: roots.env }))
          .exitCode,
      ).toBe(0);
      await using sshd = await startSshd({
        authorizedKeysFile: authorizedKeysOf(roots.env),
        env: { ...roots.env, DOKKU_SAFE_MODE: "1" },
      });

      // `--` so that ssh passes the command on rather than reading its flag as its own
      const flag = await runProgram([...sshd.sshArgv(identity), "--", "--safe-mode plugin:disable gatekeeper"]);
      const plain = await sshd.ssh(identity, "apps:list");
      expect({ flag, plain, asked: notes(roots.env) }).toEqual({
        flag: {
          stdout: "",
          stderr: " !     --safe-mode cannot be used over ssh: safe mode is for root on the server itself\n",
          exitCode: 1,
        },
        plain: {
          stdout: "",
          stderr:
            " !     DOKKU_SAFE_MODE is ignored over ssh: safe mode is for root on the server itself\n !     gatekeeper lets nobody in\n",
          exitCode: 1,
        },
        asked: { gatekeeper: "apps:list" },
      });
    },
    TIMEOUT,
  );
});

const RUN = nginxAvailable() && canDeploy;
if (!RUN)
  console.warn("skipping the lockout tests with a deployed app: they need /usr/sbin/nginx and /var/run/docker.sock");

describe.skipIf(!RUN)("a hostile nginx-snippet plugin never blocks plugin:disable (issue 12)", () => {
  const roots = tempRoots();
  const APP = `lockout-${process.pid}`;
  const HOST = `${APP}.lockout-${process.pid}.test`;
  const httpPort = freeLoopbackPort();
  let nginx: TestNginx;
  let env: Record<string, string>;
  const dokku = (...args: string[]) => runDokku(args, { env });
  async function must(...args: string[]): Promise<void> {
    const result = await dokku(...args);
    if (result.exitCode !== 0)
      throw new Error(`dokku ${args.join(" ")} exited ${result.exitCode}:\n${result.stdout}${result.stderr}`);
  }
  const page = () => nginx.get(httpPort, HOST).catch((error: unknown) => ({ status: 0, body: String(error) }));

  beforeAll(async () => {
    nginx = await startNginx(roots.env.DOKKU_ROOT as string);
    env = { ...roots.env, ...nginx.env };
    const maintenance = await buildPlugin("maintenance", join(built.path, "maintenance"));
    await must("plugin:install", maintenance.dir, "--allow-nginx", "--allow-store");
    await must("domains:set-global", `lockout-${process.pid}.test`);
    await must("nginx:set", "--global", "bind-address-ipv4", LOOPBACK);
    await must("nginx:set", "--global", "bind-address-ipv6", "::1");
    await must("checks:set", "--global", "wait-to-retire", "0");
    await must("apps:create", APP);
    await must("checks:skip", APP);
    await must("ports:set", APP, `http:${httpPort}:5000`);
    const deployed = await deployBusyboxPage(APP, "first release\n", env);
    if (deployed.exitCode !== 0) throw new Error(`deploy failed:\n${deployed.stdout}${deployed.stderr}`);
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    await nginx?.[Symbol.asyncDispose]();
    await removeAppLeftovers(await docker(), APP);
    roots[Symbol.dispose]();
  });

  test(
    "disabling another plugin stands though the rebuild fails on the looping one; disabling the looping one rebuilds cleanly",
    async () => {
      await must("maintenance:on", APP);
      const underMaintenance = await page();
      const snarerInstalled = await dokku("plugin:install", join(built.path, "snarer"), "--allow-nginx");
      const other = await dokku("plugin:disable", "maintenance");
      const listed = wasmPluginsListed((await dokku("plugin:list", "--format", "json")).stdout).map((plugin) => [
        plugin.name,
        plugin.enabled,
      ]);
      const whileSnared = await page();
      const itself = await dokku("plugin:disable", "snarer");
      const snarerTimeout = "plugin snarer failed on nginx-snippet: timed out after 1000 ms";
      const rebuildFailed =
        " !     Rebuilding the apps' proxy configs failed; run `dokku proxy:build-config --all` once the cause is fixed\n";

      expect({
        underMaintenance: underMaintenance.status,
        snarerInstalled: {
          exitCode: snarerInstalled.exitCode,
          timeout: snarerInstalled.stderr.includes(snarerTimeout),
          warned: snarerInstalled.stderr.endsWith(rebuildFailed),
        },
        other: {
          exitCode: other.exitCode,
          disabled: other.stdout.startsWith("-----> Plugin maintenance disabled\n"),
          timeout: other.stderr.includes(snarerTimeout),
          warned: other.stderr.endsWith(rebuildFailed),
        },
        listed,
        // the rebuild failed, so the config it would have replaced still serves
        whileSnared: whileSnared.status,
        itself: {
          exitCode: itself.exitCode,
          stderr: itself.stderr,
          rebuilt: itself.stdout.includes("-----> Rebuilding the apps' proxy configs\n"),
        },
        after: await page(),
      }).toEqual({
        underMaintenance: 503,
        snarerInstalled: { exitCode: 0, timeout: true, warned: true },
        other: { exitCode: 0, disabled: true, timeout: true, warned: true },
        listed: [
          ["maintenance", false],
          ["snarer", true],
        ],
        whileSnared: 503,
        itself: { exitCode: 0, stderr: " !     Running build-config in serial mode\n", rebuilt: true },
        after: { status: 200, body: "first release\n" },
      });
    },
    TIMEOUT,
  );
});
