import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempDir, tempRoots } from "../harness";
import { authorizedKeysOf } from "../plugins/ssh-keys/fixtures";
import { generateKey, sshdAvailable, SSHD_PATH, startSshd } from "./sshd";

const HAVE_SSHD = sshdAvailable();
if (!HAVE_SSHD) console.warn(`skipping ssh forced command tests: ${SSHD_PATH} is not installed`);

const TIMEOUT = 30_000;
const DENIED = /Permission denied \(publickey\)/;

/** Temp roots with one key added as `alice`, and a real sshd reading their authorized_keys. */
async function setup() {
  const roots = tempRoots();
  const keys = tempDir("dokku-keys-");
  const identity = await generateKey(keys.path, "alice");
  const added = await runDokku(["ssh-keys:add", "alice", `${identity}.pub`], { env: roots.env });
  expect(added).toMatchObject({ stderr: "", exitCode: 0 });
  const sshd = await startSshd({ authorizedKeysFile: authorizedKeysOf(roots.env), env: roots.env });
  return {
    roots,
    keys,
    identity,
    sshd,
    ssh: (command: string, stdin?: string) => sshd.ssh(identity, command, { stdin }),
    async [Symbol.asyncDispose]() {
      await sshd[Symbol.asyncDispose]();
      keys[Symbol.dispose]();
      roots[Symbol.dispose]();
    },
  };
}

async function isCommand(name: string, env: Record<string, string>): Promise<boolean> {
  return (await runDokku([name, "--help"], { env })).exitCode === 0;
}

describe.skipIf(!HAVE_SSHD)("ssh forced command", () => {
  test(
    "runs version and help through sshd like the binary run directly",
    async () => {
      await using it = await setup();
      const direct = await runDokku(["version"], { env: it.roots.env });
      expect(await it.ssh("version")).toEqual({ stdout: direct.stdout, stderr: "", exitCode: 0 });
      expect(direct.stdout).toMatch(/^dokku version \S+\n$/);
      const help = await it.ssh("help");
      expect(help).toMatchObject({ stderr: "", exitCode: 0 });
      expect(help.stdout).toBe((await runDokku(["help"], { env: it.roots.env })).stdout);
      expect(help.stdout).toMatch(/\n {4}ssh-keys +Manage public ssh keys used for deployment\n/);
    },
    TIMEOUT,
  );

  test(
    "lists apps over ssh when apps:list is registered",
    async () => {
      await using it = await setup();
      const env = it.roots.env;
      if (!(await isCommand("apps:list", env))) {
        expect(await it.ssh("apps:list")).toMatchObject({
          exitCode: 1,
          stderr: expect.stringContaining("is not a dokku command"),
        });
        return;
      }
      if (await isCommand("apps:create", env)) {
        expect((await runDokku(["apps:create", "ssh-app"], { env })).exitCode).toBe(0);
      }
      const direct = await runDokku(["apps:list"], { env });
      expect(direct.exitCode).toBe(0);
      expect(await it.ssh("apps:list")).toEqual(direct);
      if (await isCommand("apps:create", env)) expect(direct.stdout).toContain("ssh-app");
    },
    TIMEOUT,
  );

  test(
    "refuses an unknown command with Dokku's error and a non-zero exit",
    async () => {
      await using it = await setup();
      expect(await it.ssh("no-such-command arg")).toEqual({
        stdout: "",
        stderr:
          " !     `no-such-command arg` is not a dokku command.\n !     See `dokku help` for a list of available commands.\n",
        exitCode: 1,
      });
    },
    TIMEOUT,
  );

  test(
    "passes quoted words of SSH_ORIGINAL_COMMAND as single arguments",
    async () => {
      await using it = await setup();
      const refusal = (name: string) => ({
        stdout: "",
        stderr: ` !     Invalid ssh key name '${name}': it must begin with a letter or digit and may only contain letters, digits, '.', '_', '@' and '-'\n`,
        exitCode: 1,
      });
      expect(await it.ssh("ssh-keys:add 'two words'", "")).toEqual(refusal("two words"));
      expect(await it.ssh('ssh-keys:add "say \\"hi\\""', "")).toEqual(refusal('say "hi"'));
      expect(await it.ssh("ssh-keys:list --format json 'alice' ")).toMatchObject({ exitCode: 0, stderr: "" });
    },
    TIMEOUT,
  );

  test(
    "never hands SSH_ORIGINAL_COMMAND to a shell",
    async () => {
      await using it = await setup();
      const marker = join(it.keys.path, "pwned");
      expect(await it.ssh(`ssh-keys:list --format json "$(touch ${marker})" \`touch ${marker}\``)).toEqual({
        stdout: "[]\n",
        stderr: "",
        exitCode: 0,
      });
      expect(await it.ssh(`version; touch ${marker}`)).toEqual({
        stdout: "",
        stderr: ` !     \`version; touch ${marker}\` is not a dokku command.\n !     See \`dokku help\` for a list of available commands.\n`,
        exitCode: 1,
      });
      expect(existsSync(marker)).toBe(false);
    },
    TIMEOUT,
  );

  test(
    "adds a key piped over ssh and lets it log in",
    async () => {
      await using it = await setup();
      const bob = await generateKey(it.keys.path, "bob");
      const publicKey = readFileSync(`${bob}.pub`, "utf8");
      const added = await it.ssh("ssh-keys:add bob", publicKey);
      expect(added).toMatchObject({ stderr: "", exitCode: 0 });
      expect(added.stdout).toMatch(/^SHA256:[A-Za-z0-9+/]{43}\n$/);
      expect(await it.sshd.ssh(bob, "version")).toMatchObject({ stderr: "", exitCode: 0 });
    },
    TIMEOUT,
  );

  test(
    "makes the key's NAME the acting user",
    async () => {
      await using it = await setup();
      const env = it.roots.env;
      if (!(await isCommand("events:on", env))) return;
      expect((await runDokku(["events:on"], { env })).exitCode).toBe(0);
      expect(await it.ssh("ssh-keys:list alice")).toMatchObject({ stderr: "", exitCode: 0 });
      const log = readFileSync(join(env.DOKKU_LOGS_DIR as string, "events.log"), "utf8");
      expect(log).toMatch(/INVOKED: user-auth\(.*"user":"alice".*\) NAME=alice\n/);
    },
    TIMEOUT,
  );

  test(
    "refuses a key once ssh-keys:remove took it out",
    async () => {
      await using it = await setup();
      expect(await it.ssh("version")).toMatchObject({ exitCode: 0 });
      expect(await runDokku(["ssh-keys:remove", "alice"], { env: it.roots.env })).toEqual({
        stdout: "",
        stderr: "",
        exitCode: 0,
      });
      const refused = await it.ssh("version");
      expect(refused.stdout).toBe("");
      expect(refused.stderr).toMatch(DENIED);
      expect(refused.exitCode).toBe(255);
      expect(it.sshd.log()).toContain("Failed publickey for");
    },
    TIMEOUT,
  );
});
