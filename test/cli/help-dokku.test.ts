/**
 * Each namespace's help as Dokku prints it (what Dokku's tests and users grep): its description,
 * and every command Dokku's help lists for it (ours may list more).
 */
import { describe, expect, test } from "bun:test";
import { runDokku, tempRoots } from "../harness";

const DOKKU_HELP: Record<string, { readonly description: string; readonly commands: readonly string[] }> = {
  apps: {
    description: "Manage apps",
    commands: [
      "apps:clone",
      "apps:create",
      "apps:destroy",
      "apps:exists",
      "apps:list",
      "apps:lock",
      "apps:locked",
      "apps:rename",
      "apps:report",
      "apps:set",
      "apps:unlock",
    ],
  },
  certs: {
    description: "Manage SSL (TLS) certs",
    commands: ["certs:add", "certs:generate", "certs:remove", "certs:report", "certs:show", "certs:update"],
  },
  git: {
    description: "Manage app deploys via git",
    commands: [
      "git:from-archive",
      "git:from-image",
      "git:initialize",
      "git:load-image",
      "git:public-key",
      "git:report",
      "git:set",
      "git:status",
    ],
  },
  nginx: {
    description: "Manage the nginx proxy",
    commands: [
      "nginx:access-logs",
      "nginx:error-logs",
      "nginx:report",
      "nginx:set",
      "nginx:show-config",
      "nginx:reload",
      "nginx:validate-config",
    ],
  },
  plugin: {
    description: "Manage installed plugins",
    commands: [
      "plugin:disable",
      "plugin:enable",
      "plugin:install",
      "plugin:installed",
      "plugin:list",
      "plugin:trigger",
      "plugin:uninstall",
      "plugin:update",
    ],
  },
  ps: {
    description: "Manage app processes",
    commands: [
      "ps:inspect",
      "ps:rebuild",
      "ps:report",
      "ps:restart",
      "ps:restore",
      "ps:scale",
      "ps:set",
      "ps:start",
      "ps:stop",
    ],
  },
  repo: { description: "Manage the app's repo", commands: ["repo:gc", "repo:purge-cache"] },
  resource: {
    description: "Manage resource settings for an app",
    commands: [
      "resource:limit",
      "resource:limit-clear",
      "resource:report",
      "resource:reserve",
      "resource:reserve-clear",
    ],
  },
  run: {
    description: "Run a one-off process inside a container",
    commands: ["run", "run:detached", "run:list", "run:retire", "run:stop"],
  },
  scheduler: { description: "Manage scheduler settings for an app", commands: ["scheduler:report", "scheduler:set"] },
  "scheduler-docker-local": {
    description: "Manage the docker-local scheduler integration for an app",
    commands: ["scheduler-docker-local:report", "scheduler-docker-local:set"],
  },
};

describe("namespace help as Dokku prints it", () => {
  test.each(Object.entries(DOKKU_HELP))(
    "%s:help gives Dokku's description and lists Dokku's commands",
    async (name, want) => {
      using roots = tempRoots();
      const help = await runDokku([`${name}:help`], { env: roots.env });
      expect(help.exitCode).toBe(0);
      const lines = help.stdout.split("\n");
      expect(lines.slice(0, 4)).toEqual([`Usage: dokku ${name}[:COMMAND]`, "", want.description, ""]);
      const listed = lines.filter((line) => line.startsWith("    ")).map((line) => line.trim().split(/\s+/)[0]);
      expect(want.commands.filter((command) => !listed.includes(command))).toEqual([]);
    },
  );

  test("cleanup:help says once what Dokku's says", async () => {
    using roots = tempRoots();
    const help = await runDokku(["cleanup:help"], { env: roots.env });
    // Dokku's test counts the sentence: exactly once
    expect(help.stdout.split("Cleans up exited/dead Docker containers and removes dangling image").length).toBe(2);
  });
});
