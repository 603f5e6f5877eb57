import { describe, expect, test } from "bun:test";
import { dokkuCommand, usageLine } from "../../src/cli/define-command";
import { columns, commandRows, renderCommandHelp, renderHelp, renderNamespaceHelp } from "../../src/cli/help";
import type { Namespace } from "../../src/cli/namespace";

const create = dokkuCommand({
  name: "apps:create",
  description: "Create a new app",
  args: { app: { type: "positional", required: false } },
  run() {},
});
const destroy = dokkuCommand({
  name: "apps:destroy",
  description: "Permanently destroy an app",
  args: {
    app: { type: "positional", required: false },
    force: { type: "boolean", description: "Do not ask for confirmation" },
  },
  run() {},
});
const list = dokkuCommand({ name: "apps:list", description: "List your apps", run() {} });
const secret = dokkuCommand({ name: "apps:internal", description: "Not for users", hidden: true, run() {} });
const setCommand = dokkuCommand({
  name: "config:set",
  description: "Set one or more config vars",
  usage: "[--no-restart] <app>|--global KEY=VALUE [KEY=VALUE ...]",
  args: { restart: { type: "boolean", default: true, description: "Restart the app (--no-restart skips)" } },
  run() {},
});
const report = dokkuCommand({
  name: "apps:report",
  description: "Display app information",
  args: {
    app: { type: "positional", required: true },
    format: { type: "enum", options: ["stdout", "json"], description: "Output format" },
    "info-flag": { type: "string", valueHint: "FLAG" },
    scope: { type: "string" },
  },
  run() {},
});

const APPS: Namespace = { name: "apps", description: "Manage apps", commands: {} };
const CONFIG: Namespace = { name: "config", description: "Manage global and app-specific config vars", commands: {} };

describe("help", () => {
  test("columns aligns the left column with a 4-space indent and trims trailing space", () => {
    expect(
      columns([
        ["a", "first"],
        ["longer", "second"],
        ["none", ""],
      ]),
    ).toBe(["    a       first", "    longer  second", "    none"].join("\n"));
    expect(columns([])).toBe("");
  });

  test("usageLine builds the argument line from the definitions, or takes the usage given", () => {
    expect(usageLine(create)).toBe("[<app>]");
    expect(usageLine(destroy)).toBe("[<app>] [--force]");
    expect(usageLine(list)).toBe("");
    expect(usageLine(report)).toBe("<app> [--format stdout|json] [--info-flag FLAG] [--scope SCOPE]");
    expect(usageLine(setCommand)).toBe("[--no-restart] <app>|--global KEY=VALUE [KEY=VALUE ...]");
  });

  test("renderHelp lists the namespaces sorted by name", () => {
    expect(renderHelp([CONFIG, APPS], undefined)).toBe(
      [
        "Usage: dokku [--quiet|--trace|--force|--safe-mode] COMMAND <app> [command-specific-options]",
        "",
        'Primary help options, type "dokku COMMAND:help" for more details, or dokku help --all to see all commands.',
        "",
        "Commands:",
        "",
        "    apps    Manage apps",
        "    config  Manage global and app-specific config vars",
      ].join("\n"),
    );
  });

  test("renderHelp with --all rows lists every command", () => {
    const rows = commandRows([list, create]);
    expect(renderHelp([APPS], rows).split("\n").slice(4)).toEqual([
      "Commands:",
      "",
      "    apps:create [<app>]  Create a new app",
      "    apps:list            List your apps",
    ]);
  });

  test("commandRows sorts by command, leaves out hidden commands and trims empty usage", () => {
    expect(commandRows([setCommand, secret, list, destroy, create])).toEqual([
      ["apps:create [<app>]", "Create a new app"],
      ["apps:destroy [<app>] [--force]", "Permanently destroy an app"],
      ["apps:list", "List your apps"],
      ["config:set [--no-restart] <app>|--global KEY=VALUE [KEY=VALUE ...]", "Set one or more config vars"],
    ]);
  });

  test("renderNamespaceHelp gives the usage, description and the namespace's commands", () => {
    expect(renderNamespaceHelp(APPS, [list, create, secret])).toBe(
      [
        "Usage: dokku apps[:COMMAND]",
        "",
        "Manage apps",
        "",
        "Additional commands:",
        "    apps:create [<app>]  Create a new app",
        "    apps:list            List your apps",
      ].join("\n"),
    );
  });

  test("renderCommandHelp gives the usage, description and described options", () => {
    expect(renderCommandHelp(destroy)).toBe(
      [
        "Usage: dokku apps:destroy [<app>] [--force]",
        "",
        "Permanently destroy an app",
        "",
        "Options:",
        "    --force  Do not ask for confirmation",
      ].join("\n"),
    );
    expect(renderCommandHelp(list)).toBe(["Usage: dokku apps:list", "", "List your apps"].join("\n"));
  });

  test("issue 12: a plugin's description, help and usage reach the terminal without escape sequences or controls", () => {
    const evil = dokkuCommand({
      name: "evil:run",
      description: "Runs\x1b]0;pwned\x07 \x1b[2Jquietly\r\u202e",
      usage: "<app>\x9b2J",
      run() {},
    });
    const namespace: Namespace = { name: "evil", description: "Evil\x1b]52;c;cHduZWQ=\x07 plugin", commands: {} };
    expect(renderHelp([namespace], undefined)).toEndWith("    evil  Evil plugin");
    expect(renderHelp([namespace], commandRows([evil]))).toEndWith("    evil:run <app>  Runs quietly");
    expect(renderNamespaceHelp(namespace, [evil])).toBe(
      [
        "Usage: dokku evil[:COMMAND]",
        "",
        "Evil plugin",
        "",
        "Additional commands:",
        "    evil:run <app>  Runs quietly",
      ].join("\n"),
    );
    expect(renderCommandHelp(evil)).toBe(["Usage: dokku evil:run <app>", "", "Runs quietly"].join("\n"));
  });
});
