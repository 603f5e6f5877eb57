import { describe, expect, test } from "bun:test";
import { parseGlobalArgs, splitCommandWords } from "../../src/cli/argv";
import { dokkuErrorOf } from "../harness";

describe("splitCommandWords", () => {
  test.each([
    ["apps:create web", ["apps:create", "web"]],
    ["  apps:list \t\n ", ["apps:list"]],
    ["", []],
    ["config:set web 'A=hello world'", ["config:set", "web", "A=hello world"]],
    ['config:set web "A=hello world"', ["config:set", "web", "A=hello world"]],
    ["config:set web A='x y'\"z\"", ["config:set", "web", "A=x yz"]],
    ["a '' b", ["a", "", "b"]],
    ['a "" b', ["a", "", "b"]],
    ["a\\ b c", ["a b", "c"]],
    ["a\\'b", ["a'b"]],
    ['"say \\"hi\\""', ['say "hi"']],
    ['"back\\\\slash"', ["back\\slash"]],
    ['"C:\\path\\d+"', ["C:\\path\\d+"]],
    ["'single \\n stays'", ["single \\n stays"]],
    ["'it\"s'", ['it"s']],
    ["trailing\\", ["trailing\\"]],
  ])("splits %p", (command, words) => {
    expect(splitCommandWords(command)).toEqual(words);
  });

  test("expands nothing: variables, command substitution, globs and operators stay literal", () => {
    expect(splitCommandWords("config:set web A=$HOME B=`id` C=$(id) * ~ ; rm -rf / | cat && x > y")).toEqual([
      "config:set",
      "web",
      "A=$HOME",
      "B=`id`",
      "C=$(id)",
      "*",
      "~",
      ";",
      "rm",
      "-rf",
      "/",
      "|",
      "cat",
      "&&",
      "x",
      ">",
      "y",
    ]);
    expect(splitCommandWords('"$HOME" "\\$HOME"')).toEqual(["$HOME", "$HOME"]);
  });

  test.each([
    ["config:set web 'A=b", "Unterminated single quote in command"],
    ['config:set web "A=b', "Unterminated double quote in command"],
    ['"a\\"', "Unterminated double quote in command"],
  ])("refuses %p", (command, message) => {
    expect(dokkuErrorOf(() => splitCommandWords(command))).toBe(message);
  });
});

describe("parseGlobalArgs", () => {
  test("returns no flags and every word for a plain command", () => {
    expect(parseGlobalArgs(["apps:create", "web"])).toEqual({
      flags: { quiet: false, trace: false, force: false, safeMode: false, app: undefined },
      words: ["apps:create", "web"],
    });
  });

  test("takes the global flags before the command, in any order", () => {
    expect(parseGlobalArgs(["--trace", "--force", "--quiet", "--app", "web", "apps:destroy"])).toEqual({
      flags: { quiet: true, trace: true, force: true, safeMode: false, app: "web" },
      words: ["apps:destroy"],
    });
    expect(parseGlobalArgs(["--app=web", "config:show"])).toEqual({
      flags: { quiet: false, trace: false, force: false, safeMode: false, app: "web" },
      words: ["config:show"],
    });
  });

  test("takes --safe-mode before the command, and leaves it to the command after it", () => {
    expect(parseGlobalArgs(["--safe-mode", "--quiet", "plugin:disable", "gatekeeper"])).toEqual({
      flags: { quiet: true, trace: false, force: false, safeMode: true, app: undefined },
      words: ["plugin:disable", "gatekeeper"],
    });
    expect(parseGlobalArgs(["apps:list", "--safe-mode"]).flags.safeMode).toBe(false);
  });

  test("leaves flags after the command to the command", () => {
    expect(parseGlobalArgs(["apps:destroy", "web", "--force", "--quiet"])).toEqual({
      flags: { quiet: false, trace: false, force: false, safeMode: false, app: undefined },
      words: ["apps:destroy", "web", "--force", "--quiet"],
    });
  });

  test("returns no words when there are only flags", () => {
    expect(parseGlobalArgs(["--quiet"]).words).toEqual([]);
  });

  test.each([[["--app"]], [["--app", ""]], [["--app="]], [["--app=", "apps:list"]]])(
    "refuses %p without an app name",
    (argv) => {
      expect(dokkuErrorOf(() => parseGlobalArgs(argv))).toBe("--app requires an app name");
    },
  );
});
