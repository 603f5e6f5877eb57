import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { DOKKU_BIN, runProgram, tempRoots } from "../harness";
import { filesUnder, wasmPluginsListed } from "../wasm/cli-helpers";
import { writePlugin } from "../wasm/plugin-fixture";

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

function runAsNobody(args: string[], env: Record<string, string>) {
  const setpriv = ["setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", DOKKU_BIN];
  return runProgram([...setpriv, ...args], { env: { ...env, SSH_ORIGINAL_COMMAND: undefined, NAME: undefined } });
}

describe.skipIf(!asRoot)("plugin:* as a user other than root", () => {
  test.each([
    [["plugin:install", "SOURCE", "--allow-all"]],
    [["plugin:update", "hello"]],
    [["plugin:enable", "hello"]],
    [["plugin:disable", "hello"]],
    [["plugin:uninstall", "hello"]],
    [["plugin:trigger", "deploy-failed", "{}"]],
  ])("%p is refused, and nothing is written", async (args) => {
    using roots = tempRoots();
    const source = writePlugin(join(roots.dir, "src"), {});
    const result = await runAsNobody(
      args.map((arg) => (arg === "SOURCE" ? source : arg)),
      roots.env,
    );
    expect(result).toEqual({ stdout: "", stderr: " !     This command must be run as root\n", exitCode: 1 });
    expect(filesUnder(roots.env.DOKKU_LIB_ROOT as string)).toEqual([]);
  });

  test("plugin:list and plugin:report stay open", async () => {
    using roots = tempRoots();
    const listed = await runAsNobody(["plugin:list", "--format", "json"], roots.env);
    expect(listed).toMatchObject({ stderr: "", exitCode: 0 });
    expect(wasmPluginsListed(listed.stdout)).toEqual([]);
    expect(await runAsNobody(["plugin:report"], roots.env)).toEqual({
      stdout: "",
      stderr: " !     No WASM plugins installed\n",
      exitCode: 0,
    });
  });
});
