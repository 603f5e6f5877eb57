import { describe, expect, test } from "bun:test";
import { parseManifest } from "../../src/wasm/manifest";
import { dokkuErrorOf } from "../harness";

const SHA = "a".repeat(64);

function toml(lines: string[]): string {
  return lines.join("\n");
}

const BASE = [
  'name = "maintenance"',
  'version = "1.0.0"',
  'description = "Serve a 503 page"',
  "sdk = 1",
  "[module]",
  'file = "maintenance.wasm"',
  `sha256 = "${SHA}"`,
];

describe("parseManifest", () => {
  test("parses a complete manifest", () => {
    const text = toml([
      ...BASE,
      "[[triggers]]",
      'name = "nginx-snippet"',
      "version = 1",
      "[[commands]]",
      'name = "maintenance:on"',
      'help = "Serve the maintenance page"',
      'usage = "<app>"',
      "app = true",
      "[permissions]",
      'net = ["hooks.example.com", "127.0.0.1:8080"]',
      "store = true",
      "nginx = true",
      "[limits]",
      "timeout-ms = 2000",
      "memory-mb = 32",
    ]);
    expect(parseManifest(text)).toEqual({
      name: "maintenance",
      version: "1.0.0",
      description: "Serve a 503 page",
      sdk: 1,
      module: { file: "maintenance.wasm", sha256: SHA },
      triggers: [{ name: "nginx-snippet", version: 1 }],
      commands: [{ name: "maintenance:on", help: "Serve the maintenance page", usage: "<app>", app: true }],
      permissions: {
        net: ["hooks.example.com", "127.0.0.1:8080"],
        config: false,
        store: true,
        nginx: true,
        dockerArgs: false,
      },
      limits: { timeoutMs: 2000, memoryMb: 32 },
    });
  });

  test("fills in defaults: no triggers, commands or permissions; 5000 ms and 16 MB", () => {
    const manifest = parseManifest(toml(BASE));
    expect(manifest.triggers).toEqual([]);
    expect(manifest.commands).toEqual([]);
    expect(manifest.permissions).toEqual({ net: false, config: false, store: false, nginx: false, dockerArgs: false });
    expect(manifest.limits).toEqual({ timeoutMs: 5000, memoryMb: 16 });
  });

  test.each([
    ["not TOML", "name = ", /^plugin\.toml: not valid TOML at line 1, column \d+: /],
    ["a missing name", toml(BASE.slice(1)), "plugin.toml: name is missing"],
    [
      "a bad name",
      toml(['name = "Bad_Name"', ...BASE.slice(1)]),
      'plugin.toml: name must match [a-z][a-z0-9-]{1,31} (got "Bad_Name")',
    ],
    [
      "a one-letter name",
      toml(['name = "m"', ...BASE.slice(1)]),
      'plugin.toml: name must match [a-z][a-z0-9-]{1,31} (got "m")',
    ],
    [
      "a bad version",
      toml([BASE[0] as string, 'version = "1.0"', ...BASE.slice(2)]),
      'plugin.toml: version must be a semantic version like 1.0.0 (got "1.0")',
    ],
    [
      "a number as description",
      toml([...BASE.slice(0, 2), "description = 3", ...BASE.slice(3)]),
      "plugin.toml: description must be a string",
    ],
    [
      "another ABI",
      toml([...BASE.slice(0, 3), "sdk = 2", ...BASE.slice(4)]),
      "plugin.toml: sdk must be 1: the plugin ABI this host runs (got 2)",
    ],
    ["no module", toml(BASE.slice(0, 4)), "plugin.toml: module is missing"],
    [
      "a module path",
      toml([...BASE.slice(0, 5), 'file = "../x.wasm"', `sha256 = "${SHA}"`]),
      'plugin.toml: module.file must be a .wasm file name in the plugin directory (got "../x.wasm")',
    ],
    [
      "a short hash",
      toml([...BASE.slice(0, 6), 'sha256 = "abc"']),
      "plugin.toml: module.sha256 must be 64 lowercase hex digits",
    ],
    ["an unknown field", toml([...BASE, "[extra]", "x = 1"]), "plugin.toml: extra is not a known field"],
    [
      "an unknown trigger",
      toml([...BASE, "[[triggers]]", 'name = "post-nothing"', "version = 1"]),
      'plugin.toml: triggers[0].name is not a trigger this host fires: "post-nothing"',
    ],
    [
      "a trigger version mismatch",
      toml([...BASE, "[[triggers]]", 'name = "post-create"', "version = 2"]),
      "plugin.toml: triggers[0].version is 2 but this host fires post-create version 1",
    ],
    [
      "a trigger twice",
      toml([
        ...BASE,
        "[[triggers]]",
        'name = "post-create"',
        "version = 1",
        "[[triggers]]",
        'name = "post-create"',
        "version = 1",
      ]),
      'plugin.toml: triggers[1].name declares "post-create" twice',
    ],
    [
      "nginx-snippet without nginx",
      toml([...BASE, "[[triggers]]", 'name = "nginx-snippet"', "version = 1"]),
      "plugin.toml: triggers[0].name nginx-snippet needs the nginx permission, which the plugin does not request",
    ],
    [
      "docker-args-deploy without docker-args",
      toml([...BASE, "[[triggers]]", 'name = "docker-args-deploy"', "version = 1"]),
      "plugin.toml: triggers[0].name docker-args-deploy needs the docker-args permission, which the plugin does not request",
    ],
    [
      "a command outside the namespace",
      toml([...BASE, "[[commands]]", 'name = "apps:create"', 'help = "x"']),
      'plugin.toml: commands[0].name must be "maintenance:<command>", in the plugin\'s namespace (got "apps:create")',
    ],
    [
      "a help command",
      toml([...BASE, "[[commands]]", 'name = "maintenance:help"', 'help = "x"']),
      'plugin.toml: commands[0].name has an invalid command "help" (lowercase letters, digits and -, not help)',
    ],
    [
      "a command without help",
      toml([...BASE, "[[commands]]", 'name = "maintenance:on"']),
      "plugin.toml: commands[0].help is missing",
    ],
    [
      "a non-boolean app",
      toml([...BASE, "[[commands]]", 'name = "maintenance:on"', 'help = "x"', 'app = "yes"']),
      "plugin.toml: commands[0].app must be true or false",
    ],
    [
      "an unknown permission",
      toml([...BASE, "[permissions]", "fs = true"]),
      "plugin.toml: permissions.fs is not a known permission (net, config, store, nginx, docker-args)",
    ],
    [
      "an empty host list",
      toml([...BASE, "[permissions]", "net = []"]),
      "plugin.toml: permissions.net must be true, false or a non-empty list of hosts",
    ],
    [
      "a bad host",
      toml([...BASE, "[permissions]", 'net = ["http://x"]']),
      'plugin.toml: permissions.net[0] must be a host or host:port in lowercase (got "http://x")',
    ],
    [
      "a timeout above the ceiling",
      toml([...BASE, "[limits]", "timeout-ms = 30001"]),
      "plugin.toml: limits.timeout-ms must be between 1 and 30000 (got 30001)",
    ],
    [
      "memory above the ceiling",
      toml([...BASE, "[limits]", "memory-mb = 257"]),
      "plugin.toml: limits.memory-mb must be between 1 and 256 (got 257)",
    ],
    [
      "a fractional limit",
      toml([...BASE, "[limits]", "memory-mb = 1.5"]),
      "plugin.toml: limits.memory-mb must be an integer",
    ],
    ["an unknown limit", toml([...BASE, "[limits]", "cpu = 1"]), "plugin.toml: limits.cpu is not a known field"],
    [
      "an escape sequence in the description",
      toml([...BASE.slice(0, 2), 'description = "x\\u001b]0;title\\u0007"', ...BASE.slice(3)]),
      "plugin.toml: description must be one line of printable text",
    ],
    [
      "a C1 CSI in the description",
      toml([...BASE.slice(0, 2), 'description = "x\\u009b2J"', ...BASE.slice(3)]),
      "plugin.toml: description must be one line of printable text",
    ],
    [
      "a carriage return in a command's help",
      toml([...BASE, "[[commands]]", 'name = "maintenance:on"', 'help = "ok\\rEVIL"']),
      "plugin.toml: commands[0].help must be one line of printable text",
    ],
    [
      "a bidi override in a command's usage",
      toml([...BASE, "[[commands]]", 'name = "maintenance:on"', 'help = "x"', 'usage = "<app> \\u202e"']),
      "plugin.toml: commands[0].usage must be one line of printable text",
    ],
  ])("refuses %s with one line naming the field", (_what, text, message) => {
    const error = dokkuErrorOf(() => parseManifest(text));
    if (typeof message === "string") expect(error).toBe(message);
    else expect(error).toMatch(message);
    expect(error).not.toContain("\n");
  });
});
