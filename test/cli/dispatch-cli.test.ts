import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempRoots } from "../harness";

const HEADER = [
  "Usage: dokku [--quiet|--trace|--force|--safe-mode] COMMAND <app> [command-specific-options]",
  "",
  'Primary help options, type "dokku COMMAND:help" for more details, or dokku help --all to see all commands.',
  "",
  "Commands:",
  "",
].join("\n");

const EVENTS_HELP = [
  "Usage: dokku events[:COMMAND]",
  "",
  "Manage event logging",
  "",
  "Additional commands:",
  "    events [-t]  Show the last events (-t follows)",
  "    events:list  List logged events",
  "    events:off   Disable events logger",
  "    events:on    Enable events logger",
  "",
].join("\n");

const TRACE_HELP = [
  "Usage: dokku trace[:COMMAND]",
  "",
  "Manage trace mode",
  "",
  "Additional commands:",
  "    trace:off  Disable trace mode",
  "    trace:on   Enable trace mode",
  "",
].join("\n");

function notACommand(words: string): string {
  return ` !     \`${words}\` is not a dokku command.\n !     See \`dokku help\` for a list of available commands.\n`;
}

/** Everything under the state roots: a refused command must leave it as it was. */
function stateFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

describe("dokku (dispatch)", () => {
  test("help lists the namespaces", async () => {
    using roots = tempRoots();
    const result = await runDokku(["help"], { env: roots.env });
    expect(result.stdout).toStartWith(HEADER);
    expect(result.stdout).toMatch(/^ {4}events +Manage event logging$/m);
    expect(result.stdout).toMatch(/^ {4}trace +Manage trace mode$/m);
    expect(result.stdout).not.toContain("events:on");
    expect(result).toMatchObject({ stderr: "", exitCode: 0 });
  });

  test("no command at all prints the help", async () => {
    using roots = tempRoots();
    const [bare, help] = await Promise.all([runDokku([], { env: roots.env }), runDokku(["help"], { env: roots.env })]);
    expect(bare).toEqual(help);
  });

  test("help --all lists every visible command", async () => {
    using roots = tempRoots();
    const result = await runDokku(["help", "--all"], { env: roots.env });
    expect(result.stdout).toStartWith(HEADER);
    for (const row of [
      /^ {4}events \[-t\] +Show the last events \(-t follows\)$/m,
      /^ {4}events:list +List logged events$/m,
      /^ {4}events:on +Enable events logger$/m,
      /^ {4}trace:on +Enable trace mode$/m,
      /^ {4}trace:off +Disable trace mode$/m,
    ]) {
      expect(result.stdout).toMatch(row);
    }
    expect(result.stdout).not.toMatch(/^ {4}trace +/m);
    expect(result).toMatchObject({ stderr: "", exitCode: 0 });
  });

  test.each([[["events:help"]], [["events", "--help"]], [["events", "-h"]]])(
    "%p prints the namespace help",
    async (args) => {
      using roots = tempRoots();
      expect(await runDokku(args, { env: roots.env })).toEqual({ stdout: EVENTS_HELP, stderr: "", exitCode: 0 });
    },
  );

  test.each([[["trace:help"]], [["trace"]], [["trace", "--help"]]])("%p prints the trace help", async (args) => {
    using roots = tempRoots();
    expect(await runDokku(args, { env: roots.env })).toEqual({ stdout: TRACE_HELP, stderr: "", exitCode: 0 });
  });

  test("<command> --help prints the command's usage and runs nothing", async () => {
    using roots = tempRoots();
    const result = await runDokku(["trace:on", "--help"], { env: roots.env });
    expect(result).toEqual({ stdout: "Usage: dokku trace:on\n\nEnable trace mode\n", stderr: "", exitCode: 0 });
    expect(existsSync(join(roots.env.DOKKU_LIB_ROOT as string, "config", "trace"))).toBe(false);
  });

  test.each([[["version"]], [["-v"]], [["--version"]]])("%p prints the version", async (args) => {
    using roots = tempRoots();
    const result = await runDokku(args, { env: roots.env });
    expect(result.stdout).toMatch(/^dokku version \d+\.\d+\.\d+\S*\n$/);
    expect(result).toMatchObject({ stderr: "", exitCode: 0 });
  });

  test.each([
    [["nope"], "nope"],
    [["nope:cmd", "web"], "nope:cmd web"],
    [["events:nope"], "events:nope"],
    [["nope:help"], "nope:help"],
    [["trace:", "x"], "trace: x"],
  ])("%p is refused as not a dokku command, writing nothing", async (args, words) => {
    using roots = tempRoots();
    const before = stateFiles(roots.dir);
    expect(await runDokku(args, { env: roots.env })).toEqual({ stdout: "", stderr: notACommand(words), exitCode: 1 });
    expect(stateFiles(roots.dir)).toEqual(before);
  });

  test("--quiet silences step and heading lines but not data", async () => {
    using roots = tempRoots();
    expect(await runDokku(["--quiet", "trace:off"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["--quiet", "events:on"], { env: roots.env })).toEqual({
      stdout: "Enabling dokku events logger\n",
      stderr: "",
      exitCode: 0,
    });
    const list = await runDokku(["--quiet", "events:list"], { env: roots.env });
    expect(list.stdout).not.toContain("=====>");
    expect(list.stdout).toContain("post-create\n");
  });

  test("--trace shows each fired trigger on stderr and leaves stdout alone", async () => {
    using roots = tempRoots();
    const result = await runDokku(["--trace", "events:off"], { env: { ...roots.env, NAME: "alice" } });
    expect(result).toMatchObject({ stdout: "Disabling dokku events logger\n", exitCode: 0 });
    expect(result.stderr).toMatch(
      /^\+ trigger user-auth \{"user":"alice","sshUser":"[^"]+","command":"events:off","app":null,"args":.*\}$/m,
    );
  });

  test("DOKKU_TRACE=1 also turns trace on", async () => {
    using roots = tempRoots();
    const result = await runDokku(["events:off"], { env: { ...roots.env, DOKKU_TRACE: "1" } });
    expect(result.stderr).toContain("+ trigger user-auth ");
  });

  test("--app without a name is refused", async () => {
    using roots = tempRoots();
    expect(await runDokku(["--app"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     --app requires an app name\n",
      exitCode: 1,
    });
  });

  test("runs SSH_ORIGINAL_COMMAND split into words, and refuses an unterminated quote", async () => {
    using roots = tempRoots();
    const ok = await runDokku(["ignored"], { env: { ...roots.env, SSH_ORIGINAL_COMMAND: "events:help" } });
    expect(ok).toEqual({ stdout: EVENTS_HELP, stderr: "", exitCode: 0 });
    const bad = await runDokku([], { env: { ...roots.env, SSH_ORIGINAL_COMMAND: "trace:on 'oops" } });
    expect(bad).toEqual({ stdout: "", stderr: " !     Unterminated single quote in command\n", exitCode: 1 });
    expect(existsSync(join(roots.env.DOKKU_LIB_ROOT as string, "config", "trace"))).toBe(false);
  });
});
