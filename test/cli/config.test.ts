import { describe, expect, test } from "bun:test";
import { statSync } from "node:fs";
import { runDokku } from "../harness";
import { envFilePath, envFileText, rootsWithApp } from "./config-helpers";

describe("config:set", () => {
  test("sets several vars, prints them aligned and writes the ENV file 0600", async () => {
    using roots = rootsWithApp();
    const result = await runDokku(["config:set", "web", "A=1", "LONGER=two words", "EMPTY="], { env: roots.env });
    expect(result).toEqual({
      stdout: "-----> Setting config vars\n       A:       1\n       EMPTY:   \n       LONGER:  two words\n",
      stderr: "",
      exitCode: 0,
    });
    expect(envFileText(roots, "web")).toBe("export A='1'\nexport EMPTY=''\nexport LONGER='two words'\n");
    expect(statSync(envFilePath(roots, "web")).mode & 0o777).toBe(0o600);
  });

  test("decodes --encoded values and prints only the step with --quiet", async () => {
    using roots = rootsWithApp();
    const encoded = Buffer.from("multi\nline 'v'").toString("base64");
    const result = await runDokku(["--quiet", "config:set", "--encoded", "--no-restart", "web", `K=${encoded}`], {
      env: roots.env,
    });
    expect(result).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(await runDokku(["config:get", "web", "K"], { env: roots.env })).toEqual({
      stdout: "multi\nline 'v'\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("sets global vars with --global", async () => {
    using roots = rootsWithApp();
    const result = await runDokku(["config:set", "--global", "G=1"], { env: roots.env });
    expect(result).toEqual({ stdout: "-----> Setting config vars\n       G:  1\n", stderr: "", exitCode: 0 });
    expect(envFileText(roots, "--global")).toBe("export G='1'\n");
  });

  const refusals: [string, string[], string, number][] = [
    ["an invalid key among valid pairs", ["web", "OK=1", "BAD-KEY=2"], "Invalid key name: 'BAD-KEY'", 1],
    ["a key starting with a digit", ["web", "1A=2"], "Invalid key name: '1A'", 1],
    ["a pair without =", ["web", "OK=1", "NOEQUALS"], "Invalid env pair: NOEQUALS", 1],
    ["no pair", ["web"], "At least one env pair must be given", 1],
    ["bad base64 with --encoded", ["--encoded", "web", "K=abc"], "illegal base64 data at input byte 0 for key 'K'", 1],
    ["a missing app", ["nope", "A=1"], "App nope does not exist", 20],
    [
      "an invalid app name",
      ["Bad_App", "A=1"],
      "App name must begin with lowercase alphanumeric character, and may only contain lowercase alphanumerics, dots, and hyphens",
      1,
    ],
  ];
  for (const [what, args, message, exitCode] of refusals) {
    test(`refuses ${what} and writes nothing`, async () => {
      using roots = rootsWithApp();
      await runDokku(["config:set", "web", "KEEP=me"], { env: roots.env });
      const before = envFileText(roots, "web");
      const result = await runDokku(["config:set", ...args], { env: roots.env });
      expect(result).toEqual({ stdout: "", stderr: ` !     ${message}\n`, exitCode });
      expect(envFileText(roots, "web")).toBe(before as string);
    });
  }

  test("never shows a value in --trace output", async () => {
    using roots = rootsWithApp();
    const result = await runDokku(["--trace", "config:set", "web", "TOKEN=s3cr3t-value"], { env: roots.env });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain("+ trigger post-config-update");
    expect(result.stderr).not.toContain("s3cr3t-value");
  });
});

describe("config:get", () => {
  test("prints the value, or quoted with --quoted", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "web", "A=it's $HOME"], { env: roots.env });
    expect(await runDokku(["config:get", "web", "A"], { env: roots.env })).toEqual({
      stdout: "it's $HOME\n",
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["config:get", "--quoted", "web", "A"], { env: roots.env })).toEqual({
      stdout: "'it'\\''s $HOME'\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("exits 1 silently when the key is unset or invalid", async () => {
    using roots = rootsWithApp();
    for (const key of ["UNSET", "bad-key"]) {
      expect(await runDokku(["config:get", "web", key], { env: roots.env })).toEqual({
        stdout: "",
        stderr: "",
        exitCode: 1,
      });
    }
  });

  test("reads the global scope with --global", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "--global", "G=g"], { env: roots.env });
    expect(await runDokku(["config:get", "--global", "G"], { env: roots.env })).toEqual({
      stdout: "g\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("refuses a missing key, extra keys and a missing app", async () => {
    using roots = rootsWithApp();
    expect(await runDokku(["config:get", "web"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Expected: key\n",
      exitCode: 1,
    });
    expect(await runDokku(["config:get", "web", "A", "B", "C"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Unexpected argument(s): [B C]\n",
      exitCode: 1,
    });
    expect(await runDokku(["config:get", "nope", "A"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     App nope does not exist\n",
      exitCode: 20,
    });
  });
});

describe("config and config:show", () => {
  test("pretty-print the app's vars under Dokku's heading", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "web", "A=1", "LONG_KEY=x"], { env: roots.env });
    const expected = { stdout: "=====> web env vars\nA:         1\nLONG_KEY:  x\n", stderr: "", exitCode: 0 };
    expect(await runDokku(["config", "web"], { env: roots.env })).toEqual(expected);
    expect(await runDokku(["config:show", "web"], { env: roots.env })).toEqual(expected);
  });

  test("show the global vars, and an empty scope as an empty line", async () => {
    using roots = rootsWithApp();
    expect(await runDokku(["config:show", "--global"], { env: roots.env })).toEqual({
      stdout: "=====> global env vars\n\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("merge the global vars under the app's with --merged", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "--global", "A=global", "G=1"], { env: roots.env });
    await runDokku(["config:set", "web", "A=app"], { env: roots.env });
    expect(await runDokku(["config:show", "--merged", "web"], { env: roots.env })).toEqual({
      stdout: "=====> web env vars\nA:  app\nG:  1\n",
      stderr: "",
      exitCode: 0,
    });
  });

  test("config --shell warns it is deprecated and prints one line", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "web", "A=1", "B=x y"], { env: roots.env });
    expect(await runDokku(["config", "--shell", "web"], { env: roots.env })).toEqual({
      stdout: "A='1' B='x y'",
      stderr: " !     Deprecated: Use 'config:export --format shell' instead\n",
      exitCode: 0,
    });
  });

  test("refuses a missing app", async () => {
    using roots = rootsWithApp();
    expect(await runDokku(["config:show", "nope"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     App nope does not exist\n",
      exitCode: 20,
    });
  });
});

describe("config:keys", () => {
  test("lists the keys sorted, merged with --merged", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "web", "B=1", "A=2"], { env: roots.env });
    await runDokku(["config:set", "--global", "G=1"], { env: roots.env });
    expect(await runDokku(["config:keys", "web"], { env: roots.env })).toEqual({
      stdout: "A\nB\n",
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["config:keys", "--merged", "web"], { env: roots.env })).toEqual({
      stdout: "A\nB\nG\n",
      stderr: "",
      exitCode: 0,
    });
    expect(await runDokku(["config:keys", "--global"], { env: roots.env })).toEqual({
      stdout: "G\n",
      stderr: "",
      exitCode: 0,
    });
  });
});

describe("config:unset", () => {
  test("unsets the set keys and skips the others", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "web", "A=1", "B=2"], { env: roots.env });
    expect(await runDokku(["config:unset", "--no-restart", "web", "A", "NOPE"], { env: roots.env })).toEqual({
      stdout: "-----> Unsetting A\n-----> Skipping NOPE, it is not set in the environment\n",
      stderr: "",
      exitCode: 0,
    });
    expect(envFileText(roots, "web")).toBe("export B='2'\n");
  });

  test("refuses no key and an invalid key, writing nothing", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "web", "A=1"], { env: roots.env });
    expect(await runDokku(["config:unset", "web"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     At least one key must be given\n",
      exitCode: 1,
    });
    expect(await runDokku(["config:unset", "web", "A", "B-C"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Invalid key name: 'B-C'\n",
      exitCode: 1,
    });
    expect(envFileText(roots, "web")).toBe("export A='1'\n");
  });
});

describe("config:clear", () => {
  test("unsets every var of the scope", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "--global", "B=1", "A=2"], { env: roots.env });
    expect(await runDokku(["config:clear", "--global"], { env: roots.env })).toEqual({
      stdout: "-----> Unsetting A\n-----> Unsetting B\n",
      stderr: "",
      exitCode: 0,
    });
    expect(envFileText(roots, "--global")).toBe("");
  });

  test("refuses a missing app", async () => {
    using roots = rootsWithApp();
    expect(await runDokku(["config:clear", "nope"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     App nope does not exist\n",
      exitCode: 20,
    });
  });
});
