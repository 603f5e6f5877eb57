import { describe, expect, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DOKKU_BIN, ownNginxAndCrontab, REPO_ROOT, runProgram, tempDir, type RunResult } from "../harness";
import { docker, removeAppLeftovers, setSettleSeconds } from "../plugins/scheduler-docker-local/fixture";
import { gitWork } from "./fixtures/git-work";
import { generateKey, sshdAvailable, SSHD_PATH, startSshd, type Sshd } from "./sshd";
import { machine } from "../machine";

/**
 * Dokku's permission model, for real: install.sh makes an unprivileged system user own the
 * state, root's commands write files that user can still read and rewrite, and sshd runs the
 * forced command in authorized_keys as that user.
 */
const IS_ROOT = process.getuid?.() === 0;
const HAVE_SSHD = sshdAvailable();
const SKIP_REASON = !IS_ROOT
  ? "not running as root (install.sh and useradd need root)"
  : !HAVE_SSHD
    ? `${SSHD_PATH} is not installed`
    : undefined;
if (SKIP_REASON) console.warn(`skipping installed-user ssh tests: ${SKIP_REASON}`);
const DOCKER_SOCKET = "/var/run/docker.sock";
const HAVE_DOCKER = machine.baseImage;
if (!SKIP_REASON && !HAVE_DOCKER)
  console.warn(
    "skipping the installed-user deploy test: no Docker engine with the base image (test/environment.test.ts)",
  );

const TIMEOUT = 60_000;
/** The web + worker busybox app without app.json (whose formation would refuse ps:scale). */
const MANAGE_APP = join(import.meta.dir, "fixtures", "manage-app");
const INSTALL_SH = join(REPO_ROOT, "install.sh");
const NOT_A_COMMAND =
  " !     `no-such-command arg` is not a dokku command.\n !     See `dokku help` for a list of available commands.\n";

interface Installed extends AsyncDisposable {
  readonly user: string;
  readonly uid: number;
  readonly gid: number;
  /** The installed executable, the forced command of every key ssh-keys:add writes. */
  readonly bin: string;
  /** DOKKU_ROOT (the user's home), DOKKU_LIB_ROOT and DOKKU_LOGS_DIR. */
  readonly env: { readonly DOKKU_ROOT: string; readonly DOKKU_LIB_ROOT: string; readonly DOKKU_LOGS_DIR: string };
  readonly identity: string;
  /** Runs the installed binary as root, as `sudo dokku ...` would. */
  asRoot(args: readonly string[], stdin?: string): Promise<RunResult>;
  /** Starts sshd letting only the dokku user in, reading its authorized_keys. */
  startSshd(): Promise<Sshd>;
}

/** Installs the binary under test with install.sh for a fresh system user; undoes it all on dispose. */
async function install(): Promise<Installed> {
  const dir = tempDir("dokku-e2e-user-");
  const user = `dokkue2e${randomBytes(4).toString("hex")}`;
  const removeUser = () => {
    if (Bun.spawnSync(["id", "-u", user], { stdout: "ignore", stderr: "ignore" }).exitCode === 0)
      Bun.spawnSync(["userdel", user]);
    if (Bun.spawnSync(["getent", "group", user], { stdout: "ignore" }).exitCode === 0)
      Bun.spawnSync(["groupdel", user]);
  };
  const keys = tempDir("dokku-e2e-keys-");
  try {
    // mkdtemp makes the dir 0700 for root: the dokku user must traverse it to reach its home
    // (DOKKU_ROOT), the lib and logs roots, and the installed binary sshd runs as the forced command.
    chmodSync(dir.path, 0o755);
    const env = {
      DOKKU_ROOT: join(dir.path, "home"),
      DOKKU_LIB_ROOT: join(dir.path, "lib"),
      DOKKU_LOGS_DIR: join(dir.path, "logs"),
    };
    const binDir = join(dir.path, "bin");
    const installed = await runProgram(["sh", INSTALL_SH], {
      env: {
        ...env,
        DOKKU_USER: user,
        DOKKU_BIN_DIR: binDir,
        DOKKU_BINARY: DOKKU_BIN,
        DOKKU_SKIP_PACKAGES: "1",
        DOKKU_SKIP_SERVICES: "1",
        DOKKU_NGINX_ROOT: join(dir.path, "nginx"),
        DOKKU_SUDOERS_DIR: join(dir.path, "sudoers.d"),
        DOKKU_CRON_DIR: join(dir.path, "cron.d"),
      },
    });
    expect({ exitCode: installed.exitCode, stderr: installed.stderr }).toEqual({ exitCode: 0, stderr: "" });
    const passwd = Bun.spawnSync(["getent", "passwd", user]).stdout.toString().trim().split(":");
    expect({ name: passwd[0], home: passwd[5] }).toEqual({ name: user, home: env.DOKKU_ROOT });
    const identity = await generateKey(keys.path, "admin");
    const bin = join(binDir, "dokku");
    // what root and sshd's forced command run with: the roots, and this test's nginx config (whose
    // master never runs) instead of the machine's, which runs on a server where install.sh ran:
    // there the dokku user of this test would `sudo -n nginx -t` and sudo would ask for a password
    const runEnv = { ...env, ...ownNginxAndCrontab(dir.path) };
    return {
      user,
      uid: Number(passwd[2]),
      gid: Number(passwd[3]),
      bin,
      env,
      identity,
      asRoot: (args, stdin) =>
        runProgram([bin, ...args], { stdin, env: { ...runEnv, SSH_ORIGINAL_COMMAND: undefined, NAME: undefined } }),
      // The default `.ssh/authorized_keys` is relative to the home, which install.sh set to DOKKU_ROOT.
      startSshd: () => startSshd({ authorizedKeysFile: ".ssh/authorized_keys", env: runEnv, user }),
      async [Symbol.asyncDispose]() {
        removeUser();
        keys[Symbol.dispose]();
        dir[Symbol.dispose]();
      },
    };
  } catch (error) {
    removeUser();
    keys[Symbol.dispose]();
    dir[Symbol.dispose]();
    throw error;
  }
}

/** Every path under the roots whose owner is not the dokku user, with its uid. */
function notOwnedBy(it: Installed): string[] {
  const strays: string[] = [];
  for (const root of Object.values(it.env)) {
    for (const path of [root, ...readdirSync(root, { recursive: true }).map((name) => join(root, String(name)))]) {
      const stat = statSync(path);
      if (stat.uid !== it.uid || stat.gid !== it.gid) strays.push(`${path} (uid ${stat.uid}, gid ${stat.gid})`);
    }
  }
  return strays;
}

/**
 * The events log, each line as `<system user> NAME=<name> <trigger> <payload>`: the system user
 * from the user-auth event that process fired first (which shows just the command, its args redacted).
 */
function eventsWithSystemUser(it: Installed): string[] {
  const pattern = /^\S+ dokku\[(\d+)\]: INVOKED: ([a-z-]+)\( (.*) \) (NAME=\S+)$/;
  const events = readFileSync(join(it.env.DOKKU_LOGS_DIR, "events.log"), "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const match = pattern.exec(line);
      if (!match) throw new Error(`unexpected events.log line: ${line}`);
      const [, pid, trigger, payload, name] = match as unknown as [string, string, string, string, string];
      return { pid, trigger, payload, name };
    });
  const systemUser = new Map<string, string>();
  for (const event of events) {
    if (event.trigger === "user-auth")
      systemUser.set(event.pid, (JSON.parse(event.payload) as { sshUser: string }).sshUser);
  }
  return events.map((event) => {
    const shown =
      event.trigger === "user-auth" ? (JSON.parse(event.payload) as { command: string }).command : event.payload;
    return `${systemUser.get(event.pid) ?? "?"} ${event.name} ${event.trigger} ${shown}`;
  });
}

/** Root's `cat key.pub | sudo dokku ssh-keys:add admin`, `apps:create made-by-root`, `config:set made-by-root A=1`. */
async function setUpAsRoot(it: Installed): Promise<void> {
  const added = await it.asRoot(["ssh-keys:add", "admin"], readFileSync(`${it.identity}.pub`, "utf8"));
  expect(added).toMatchObject({ stderr: "", exitCode: 0 });
  expect(await it.asRoot(["events:on"])).toMatchObject({ stderr: "", exitCode: 0 });
  expect(await it.asRoot(["apps:create", "made-by-root"])).toMatchObject({ stderr: "", exitCode: 0 });
  expect(await it.asRoot(["config:set", "--no-restart", "made-by-root", "A=1"])).toMatchObject({
    stderr: "",
    exitCode: 0,
  });
}

describe.skipIf(SKIP_REASON !== undefined)("installed dokku user over ssh", () => {
  test(
    "hands every file root writes to the dokku user",
    async () => {
      await using it = await install();
      await setUpAsRoot(it);
      const authorizedKeys = join(it.env.DOKKU_ROOT, ".ssh", "authorized_keys");
      const configEnv = join(it.env.DOKKU_LIB_ROOT, "config", "made-by-root", "ENV");
      const written = [
        authorizedKeys,
        join(it.env.DOKKU_ROOT, "made-by-root"),
        configEnv,
        join(it.env.DOKKU_LOGS_DIR, "events.log"),
      ];
      expect(written.map((path) => ({ path, uid: statSync(path).uid }))).toEqual(
        written.map((path) => ({ path, uid: it.uid })),
      );
      expect(readFileSync(authorizedKeys, "utf8")).toStartWith(`command="FINGERPRINT=SHA256:`);
      expect(readFileSync(authorizedKeys, "utf8")).toContain(` NAME=admin ${it.bin}",`);
      expect(notOwnedBy(it)).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    "runs the forced command as the dokku user, reading and rewriting what root wrote",
    async () => {
      await using it = await install();
      await setUpAsRoot(it);
      await using sshd = await it.startSshd();
      const ssh = (command: string) => sshd.ssh(it.identity, command);

      const listed = await ssh("apps:list");
      expect({ listed, log: listed.exitCode === 0 ? "" : sshd.log() }).toMatchObject({
        listed: { stderr: "", exitCode: 0 },
        log: "",
      });
      expect(listed.stdout.split("\n")).toContain("made-by-root");
      expect(await ssh("apps:create made-over-ssh")).toMatchObject({ stderr: "", exitCode: 0 });
      expect(await ssh("config:set --no-restart made-by-root B=2")).toMatchObject({ stderr: "", exitCode: 0 });
      expect(await ssh("config:get made-by-root A")).toEqual({ stdout: "1\n", stderr: "", exitCode: 0 });
      expect(await ssh("config:get made-by-root B")).toEqual({ stdout: "2\n", stderr: "", exitCode: 0 });
      expect(await it.asRoot(["config:get", "made-by-root", "B"])).toEqual({ stdout: "2\n", stderr: "", exitCode: 0 });

      // Each command's user-auth event records the system user its process ran as; with the pid,
      // that tells who ran every event: root directly, the dokku user (as key admin) over ssh.
      const u = it.user;
      expect(eventsWithSystemUser(it)).toEqual([
        "root NAME=root user-auth apps:create",
        'root NAME=root post-create {"app":"made-by-root"}',
        "root NAME=root user-auth config:set",
        'root NAME=root post-config-update {"scope":{"kind":"app","app":"made-by-root"},"action":"set","keys":["A"],"restart":false}',
        `${u} NAME=admin user-auth apps:list`,
        `${u} NAME=admin app-list {}`,
        `${u} NAME=admin user-auth-app {"user":"admin","sshUser":"${u}","apps":["made-by-root"]}`,
        `${u} NAME=admin user-auth apps:create`,
        `${u} NAME=admin post-create {"app":"made-over-ssh"}`,
        `${u} NAME=admin user-auth config:set`,
        `${u} NAME=admin post-config-update {"scope":{"kind":"app","app":"made-by-root"},"action":"set","keys":["B"],"restart":false}`,
        `${u} NAME=admin user-auth config:get`,
        `${u} NAME=admin user-auth config:get`,
        "root NAME=root user-auth config:get",
      ]);
      expect(sshd.log()).toContain(`Accepted publickey for ${it.user} from`);

      expect(statSync(join(it.env.DOKKU_ROOT, "made-over-ssh")).uid).toBe(it.uid);
      expect(notOwnedBy(it)).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    "refuses an unknown command over ssh with Dokku's error and a non-zero exit",
    async () => {
      await using it = await install();
      await setUpAsRoot(it);
      await using sshd = await it.startSshd();
      expect(await sshd.ssh(it.identity, "no-such-command arg")).toEqual({
        stdout: "",
        stderr: NOT_A_COMMAND,
        exitCode: 1,
      });
    },
    TIMEOUT,
  );

  test.skipIf(!HAVE_DOCKER)(
    "deploys a git push as the dokku user, who reaches docker through the docker group, then runs, scales and destroys it",
    async () => {
      const app = `user-push-${process.pid}`;
      await using it = await install();
      await using _leftovers = { [Symbol.asyncDispose]: async () => await removeAppLeftovers(await docker(), app) };
      // install.sh put the user in docker.io's group, which owns the socket: no root, no sudo
      const dockerGroup = Bun.spawnSync(["getent", "group", "docker"]).stdout.toString().trim().split(":");
      expect(dockerGroup[0]).toBe("docker");
      expect(statSync(DOCKER_SOCKET).gid).toBe(Number(dockerGroup[2]));
      expect(Bun.spawnSync(["id", "-nG", it.user]).stdout.toString().trim().split(" ")).toContain("docker");
      const added = await it.asRoot(["ssh-keys:add", "admin"], readFileSync(`${it.identity}.pub`, "utf8"));
      expect(added).toMatchObject({ stderr: "", exitCode: 0 });
      // a one second settle check and no wait to retire keep the test short; the user owns the files
      setSettleSeconds(it.env.DOKKU_LIB_ROOT, 1);
      for (const path of [
        "config/checks",
        "config/checks/--global",
        "config/checks/--global/default-wait",
        "config/checks/--global/wait-to-retire",
      ]) {
        chownSync(join(it.env.DOKKU_LIB_ROOT, path), it.uid, it.gid);
      }
      await using sshd = await it.startSshd();
      const ssh = (command: string) => sshd.ssh(it.identity, command);
      using work = await gitWork(MANAGE_APP, {
        GIT_SSH_COMMAND: sshd.gitSshCommand(it.identity),
        SSH_AUTH_SOCK: undefined,
      });
      const client = await docker();
      const running = async (...labels: string[]) =>
        (
          await client.listContainers({
            filters: { label: [`com.dokku.app-name=${app}`, "com.dokku.container-type=deploy", ...labels] },
          })
        )
          .map((info) => `${(info.Names[0] ?? "").replace(/^\//, "")} ${info.State}`)
          .sort();

      const pushed = await work.git("push", `${it.user}@${sshd.host}:${app}`, "main");
      const deployed = pushed.stderr.includes("remote: =====> Application deployed:");
      expect({ exitCode: pushed.exitCode, deployed }, pushed.stderr).toEqual({ exitCode: 0, deployed: true });
      expect(await running("com.dokku.process-type=web")).toEqual([`${app}.web.1 running`]);

      const rev = (await work.git("rev-parse", "HEAD")).stdout.trim();
      const env = await ssh(`run ${app} env`);
      expect(env).toMatchObject({ stderr: "", exitCode: 0 });
      expect(env.stdout.split("\n")).toContain(`GIT_REV=${rev}`);

      const scaled = await ssh(`ps:scale ${app} web=2`);
      expect({ exitCode: scaled.exitCode, stderr: scaled.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect(await running("com.dokku.process-type=web")).toEqual([`${app}.web.1 running`, `${app}.web.2 running`]);
      expect(notOwnedBy(it)).toEqual([]);

      const destroyed = await ssh(`apps:destroy ${app} --force`);
      expect({ exitCode: destroyed.exitCode, stderr: destroyed.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect(destroyed.stdout).toContain(`-----> Destroying ${app} (including all add-ons)`);
      expect(await client.listContainers({ all: true, filters: { label: [`com.dokku.app-name=${app}`] } })).toEqual([]);
      expect(await client.listImages({ filters: { reference: [`dokku/${app}`] } })).toEqual([]);
      expect(existsSync(join(it.env.DOKKU_ROOT, app))).toBe(false);
    },
    TIMEOUT,
  );
});
