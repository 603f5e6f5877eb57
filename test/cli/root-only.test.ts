import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { DOKKU_BIN, runProgram, tempRoots } from "../harness";

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

/** Runs the binary as uid/gid 65534, as the dokku user would run it over SSH. */
function runAsNobody(args: string[], env: Record<string, string>, stdin?: string) {
  const setpriv = ["setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", DOKKU_BIN];
  return runProgram([...setpriv, ...args], {
    env: { ...env, SSH_ORIGINAL_COMMAND: undefined, NAME: undefined },
    stdin,
  });
}

describe.skipIf(!asRoot)("root-only commands", () => {
  const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK9f7roBv4e5h3aJo7CThx5qziXkx5Iaf8r2S5SWrtV3 test";

  test.each([[["ssh-keys:add", "admin", "-"]], [["ssh-keys:remove", "admin"]]])(
    "%p is refused for a user other than root, and nothing is written",
    async (args) => {
      using roots = tempRoots();
      const result = await runAsNobody(args, roots.env, KEY);
      expect(result).toEqual({ stdout: "", stderr: " !     This command must be run as root\n", exitCode: 1 });
      expect(existsSync(`${roots.env.DOKKU_ROOT}/.ssh`)).toBe(false);
    },
  );

  test("ssh-keys:list stays open to the dokku user", async () => {
    using roots = tempRoots();
    mkdirSync(`${roots.env.DOKKU_ROOT}/.ssh`);
    writeFileSync(`${roots.env.DOKKU_ROOT}/.ssh/authorized_keys`, "\n");
    const result = await runAsNobody(["ssh-keys:list", "--format", "json"], roots.env);
    expect(result).toEqual({ stdout: "[]\n", stderr: "", exitCode: 0 });
  });
});
