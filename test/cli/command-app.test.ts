import { describe, expect, test } from "bun:test";
import { commandApp, takesApp } from "../../src/cli/command-app";
import type { DokkuCommand } from "../../src/cli/define-command";
import { NAMESPACES } from "../../src/cli/namespaces";
import { pluginCommand } from "../../src/cli/plugin/plugin-namespaces";
import { withAppFlag } from "../../src/cli/dispatch";
import type { InstalledPlugin } from "../../src/wasm/types";

async function allCommands(): Promise<Map<string, DokkuCommand>> {
  const commands = new Map<string, DokkuCommand>();
  for (const namespace of NAMESPACES) {
    for (const load of Object.values(namespace.commands)) {
      const command = (await load()).default;
      commands.set(command.meta.name, command);
    }
  }
  return commands;
}

const commands = await allCommands();
const named = (name: string): DokkuCommand => {
  const command = commands.get(name);
  if (!command) throw new Error(`no command ${name}`);
  return command;
};

describe("commandApp (issue 12: the app user-auth is told)", () => {
  test("every command taking an app that reads its own words reads its app with the same parser", () => {
    const missing = [...commands.values()]
      .filter((command) => takesApp(command) && command.readsRawArgs && !command.appArgument)
      .map((command) => command.meta.name);
    expect(missing).toEqual([]);
  });

  test.each([
    ["config:set", ["web", "KEY=secret-value"], "web"],
    ["config:set", ["--no-restart", "--encoded", "web", "S0VZ"], "web"],
    ["config:set", ["--global", "KEY=v"], null],
    ["config:get", ["web", "KEY"], "web"],
    ["apps:create", ["new-app"], "new-app"],
    ["apps:create", ["../../tmp/x"], null],
    ["apps:create", ["--global"], null],
    ["apps:rename", ["old", "new"], "old"],
    ["apps:list", [], null],
    ["ps:stop", ["--all"], null],
    ["ps:stop", ["web"], "web"],
    ["logs", ["-p", "worker", "secret-app"], "secret-app"],
    ["logs", ["--num", "5", "-t", "secret-app"], "secret-app"],
    ["run", ["-e", "A=b", "secret-app", "env"], "secret-app"],
    ["resource:limit", ["--process-type", "web", "--memory", "512m", "secret-app"], "secret-app"],
    ["docker-options:add", ["--process", "web", "secret-app", "deploy", "-v /a:/b"], "secret-app"],
    ["domains:add", ["secret-app", "example.com"], "secret-app"],
    ["checks:set", ["--global", "wait-to-retire", "0"], null],
    ["checks:set", ["secret-app", "wait-to-retire", "0"], "secret-app"],
    ["checks:report", ["--format", "json", "secret-app"], "secret-app"],
    ["checks:report", ["--global"], null],
    ["network:set", ["--global", "initial-network", "x"], null],
    ["network:create", ["backend"], null],
    ["git:from-archive", ["--archive-type", "zip", "secret-app", "--"], "secret-app"],
    ["nginx:set", ["secret-app", "client-max-body-size", "1m"], "secret-app"],
    ["plugin:list", [], null],
    ["storage:report", ["--global"], null],
    ["git-receive-pack", ["web"], "web"],
    ["git-receive-pack", ["/web"], "web"],
    ["git-upload-pack", ["/web"], "web"],
    ["git-receive-pack", ["../../x"], null],
    ["git-hook", ["web"], "web"],
  ] as const)("%s %p acts on %p", (name, words, app) => {
    expect(commandApp(named(name), words)).toBe(app);
  });

  test("--app puts the app where the command expects it", () => {
    const command = named("config:set");
    expect(commandApp(command, withAppFlag(command, ["KEY=v"], "web"))).toBe("web");
  });

  test("a plugin's command on an app acts on its first word; one without an app on none", () => {
    const plugin = { manifest: { name: "notify", description: "d", commands: [] } } as unknown as InstalledPlugin;
    const onApp = pluginCommand(plugin, { name: "notify:set", help: "h", usage: "<app> url [<url>]", app: true });
    const global = pluginCommand(plugin, { name: "notify:ping", help: "h", usage: "", app: false });
    expect(commandApp(onApp, ["web", "url", "http://x"])).toBe("web");
    expect(commandApp(onApp, ["--x", "web"])).toBeNull();
    expect(commandApp(global, ["web"])).toBeNull();
  });
});
