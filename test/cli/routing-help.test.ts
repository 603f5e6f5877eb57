import { describe, expect, test } from "bun:test";
import { runDokku, tempRoots } from "../harness";

/**
 * Issue 14: the help of the routing namespaces as Dokku prints it (Dokku's tests and users grep
 * the description), listing every command Dokku lists (ours may add more), the bare namespace
 * printing the same as `<ns>:help`.
 */
const DOKKU_HELP: Readonly<Record<string, { description: string; commands: readonly string[] }>> = {
  domains: {
    description: "Manage domains used by the proxy",
    commands: [
      "add",
      "add-global",
      "clear",
      "clear-global",
      "disable",
      "enable",
      "remove",
      "remove-global",
      "report",
      "reset",
      "set",
      "set-global",
    ],
  },
  ports: { description: "Manage ports for an app", commands: ["add", "clear", "list", "remove", "report", "set"] },
  proxy: {
    description: "Manage the proxy integration for an app",
    commands: ["build-config", "clear-config", "disable", "enable", "report", "set"],
  },
  network: {
    description: "Manage network settings for an app",
    commands: ["create", "destroy", "exists", "info", "list", "rebuild", "rebuildall", "report", "set"],
  },
  checks: {
    description: "Manage zero-downtime settings",
    commands: ["disable", "enable", "report", "run", "set", "skip"],
  },
};

describe("routing namespaces' help (issue 14)", () => {
  for (const [namespace, dokku] of Object.entries(DOKKU_HELP)) {
    test(`${namespace}:help prints Dokku's description and lists Dokku's commands; bare ${namespace} prints the same`, async () => {
      using roots = tempRoots();
      const help = await runDokku([`${namespace}:help`], { env: roots.env });
      const bare = await runDokku([namespace], { env: roots.env });
      const listed = help.stdout
        .split("\n")
        .map((line) => line.trim().split(/\s+/)[0] ?? "")
        .filter((word) => word.startsWith(`${namespace}:`));
      expect({
        exitCode: help.exitCode,
        head: help.stdout.split("\n").slice(0, 5),
        missing: dokku.commands.filter((command) => !listed.includes(`${namespace}:${command}`)),
        bare: bare.stdout,
      }).toEqual({
        exitCode: 0,
        head: [`Usage: dokku ${namespace}[:COMMAND]`, "", dokku.description, "", "Additional commands:"],
        missing: [],
        bare: help.stdout,
      });
    });
  }
});
