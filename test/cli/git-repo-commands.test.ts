/** git:initialize, git:status and git:public-key as Dokku's git_2/git_3/git_4.bats call them. */
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";
import { machine } from "../machine";

describe.skipIf(!machine.git)("git repo commands", () => {
  test("git:initialize makes the app dir a bare repo with its hook again, and is idempotent", async () => {
    using roots = tempRoots();
    const env = roots.env;
    await runDokku(["apps:create", "shop"], { env });
    const dir = join(env.DOKKU_ROOT as string, "shop");
    rmSync(join(dir, "refs"), { recursive: true });
    rmSync(join(dir, "hooks", "pre-receive"));
    expect(await runDokku(["git:initialize", "shop"], { env })).toEqual({
      stdout: "-----> Initializing git repository for shop\n",
      stderr: "",
      exitCode: 0,
    });
    expect(existsSync(join(dir, "refs"))).toBe(true);
    expect(readFileSync(join(dir, "hooks", "pre-receive"), "utf8")).toContain('git-hook "shop"');
    expect((await runDokku(["git:initialize", "shop"], { env })).exitCode).toBe(0);
    expect(await runDokku(["git:initialize", "nope"], { env })).toMatchObject({ exitCode: 20 });
  });

  test("git:status passes git's own output and exit code through: the repo is bare", async () => {
    using roots = tempRoots();
    const env = roots.env;
    await runDokku(["apps:create", "shop"], { env });
    expect(await runDokku(["git:status", "shop"], { env })).toEqual({
      stdout: "",
      stderr: "fatal: this operation must be run in a work tree\n",
      exitCode: 128,
    });
  });

  test("git:public-key prints the dokku user's deploy key, ed25519 first, and fails without one", async () => {
    using roots = tempRoots();
    const env = roots.env;
    const missing = await runDokku(["git:public-key"], { env });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain(" !     There is no deploy key associated with the dokku user.\n");
    const ssh = join(env.DOKKU_ROOT as string, ".ssh");
    mkdirSync(ssh, { recursive: true });
    writeFileSync(join(ssh, "id_rsa.pub"), "ssh-rsa AAAA dokku@host\n");
    expect(await runDokku(["git:public-key"], { env })).toEqual({
      stdout: "ssh-rsa AAAA dokku@host\n",
      stderr: "",
      exitCode: 0,
    });
    writeFileSync(join(ssh, "id_ed25519.pub"), "ssh-ed25519 BBBB dokku@host\n");
    expect((await runDokku(["git:public-key"], { env })).stdout).toBe("ssh-ed25519 BBBB dokku@host\n");
  });
});
