import { describe, expect, test } from "bun:test";
import { runDokku } from "../harness";
import { goJsonString } from "../../src/plugins/config/go-format";
import { envFileText, rootsWithApp } from "./config-helpers";

/** Every character that breaks naive quoting, in one value (argv cannot carry NUL). */
const TRICKY = ` spaces  'single' "double" $HOME \${HOME} $(id) \`id\` back\\slash \\' \\" \\n\nnew\nlines\ttab\r\ncrlf é ✓ 😀 \u2028 a=b=c # ! <>& %s %d %% ''' end\\`;

describe("config round trip through the binary", () => {
  test("config:get returns a value with every tricky character byte for byte", async () => {
    using roots = rootsWithApp();
    const set = await runDokku(["--quiet", "config:set", "web", `TRICKY=${TRICKY}`, "EMPTY="], { env: roots.env });
    expect(set).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(await runDokku(["config:get", "web", "TRICKY"], { env: roots.env })).toEqual({
      stdout: `${TRICKY}\n`,
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["config:get", "web", "EMPTY"], { env: roots.env })).toEqual({
      stdout: "\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("config:export --format json returns it exactly, escaped as Go does", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "web", `TRICKY=${TRICKY}`], { env: roots.env });
    const result = await runDokku(["config:export", "--format", "json", "web"], { env: roots.env });
    expect(result).toEqual({ stdout: `{"TRICKY":${goJsonString(TRICKY)}}\n`, stderr: "", exitCode: 0 });
    expect(JSON.parse(result.stdout)).toEqual({ TRICKY });
  });

  test("--encoded carries the same value exactly", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "--encoded", "web", `TRICKY=${Buffer.from(TRICKY).toString("base64")}`], {
      env: roots.env,
    });
    expect((await runDokku(["config:get", "web", "TRICKY"], { env: roots.env })).stdout).toBe(`${TRICKY}\n`);
  });

  test("a value set over ssh with quoting arrives exactly", async () => {
    using roots = rootsWithApp();
    const value = 'it\'s a "quoted" $VALUE';
    const command = `--quiet config:set web 'K=it'\\''s a "quoted" $VALUE'`;
    expect(await runDokku([], { env: { ...roots.env, SSH_ORIGINAL_COMMAND: command } })).toEqual({
      stdout: "",
      stderr: "",
      exitCode: 0,
    });
    expect((await runDokku(["config:get", "web", "K"], { env: roots.env })).stdout).toBe(`${value}\n`);
  });

  test("the stored file is the shell-sourceable export form", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "web", "A=it's", "B=x\ny"], { env: roots.env });
    expect(envFileText(roots, "web")).toBe("export A='it'\\''s'\nexport B='x\ny'\n");
    const sourced = Bun.spawnSync([
      "sh",
      "-c",
      '. "$0"; printf %s "$A|$B"',
      `${roots.env.DOKKU_LIB_ROOT}/config/web/ENV`,
    ]);
    expect(sourced.stdout.toString()).toBe("it's|x\ny");
  });
});
