import { describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { runDokku, tempDir } from "../harness";
import { envFileText, rootsWithApp } from "./config-helpers";

describe("config:import", () => {
  test("reads an envfile from stdin with -", async () => {
    using roots = rootsWithApp();
    const stdin = "# comment\nexport A='it'\\''s'\nB=\"two\\nlines\"\nC=plain # note\n";
    expect(await runDokku(["config:import", "web", "-"], { env: roots.env, stdin })).toEqual({
      stdout: [
        "-----> Reading config vars from stdin",
        "-----> Setting config var A=it's",
        "-----> Setting config var B=two",
        "-----> lines",
        "-----> Setting config var C=plain",
        "-----> Setting config vars",
        "       A:  it's",
        "       B:  two",
        "lines",
        "       C:  plain",
        "",
      ].join("\n"),
      stderr: "",
      exitCode: 0,
    });
    expect(envFileText(roots, "web")).toBe("export A='it'\\''s'\nexport B='two\nlines'\nexport C='plain'\n");
  });

  test("reads json from stdin with --format json", async () => {
    using roots = rootsWithApp();
    const result = await runDokku(["--quiet", "config:import", "--format", "json", "web", "-"], {
      env: roots.env,
      stdin: '{"J":"x \\"y\\"","K":""}',
    });
    expect(result).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(envFileText(roots, "web")).toBe("export J='x \"y\"'\nexport K=''\n");
  });

  test("reads a file on the server and the global scope", async () => {
    using roots = rootsWithApp();
    using dir = tempDir();
    writeFileSync(`${dir.path}/vars.env`, "G=1\n");
    const result = await runDokku(["--quiet", "config:import", "--global", `${dir.path}/vars.env`], { env: roots.env });
    expect(result).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(envFileText(roots, "--global")).toBe("export G='1'\n");
  });

  test("keeps other keys, or drops them with --replace", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "web", "OLD=1", "KEEP=1"], { env: roots.env });
    await runDokku(["--quiet", "config:import", "web", "-"], { env: roots.env, stdin: "KEEP=2\n" });
    expect(envFileText(roots, "web")).toBe("export KEEP='2'\nexport OLD='1'\n");
    await runDokku(["--quiet", "config:import", "--replace", "--no-restart", "web", "-"], {
      env: roots.env,
      stdin: "NEW=3\n",
    });
    expect(envFileText(roots, "web")).toBe("export NEW='3'\n");
  });

  test("imports back exactly what config:export printed, in every importable format", async () => {
    using roots = rootsWithApp("src", "dst");
    await runDokku(["config:set", "src", 'A=it\'s "q" $X `c` \\', "B=line1\nline2", "C=", "D=007"], { env: roots.env });
    for (const [exportFormat, importFormat] of [
      ["exports", "envfile"],
      ["envfile", "envfile"],
      ["json", "json"],
    ]) {
      const exported = await runDokku(["config:export", "--format", exportFormat as string, "src"], { env: roots.env });
      const imported = await runDokku(["config:import", "--replace", "--format", importFormat as string, "dst", "-"], {
        env: roots.env,
        stdin: exported.stdout,
      });
      expect(imported.exitCode).toBe(0);
      expect(envFileText(roots, "dst")).toBe(envFileText(roots, "src") as string);
    }
  });

  const refusals: [string, string[], string | undefined, string][] = [
    ["an invalid key", ["web", "-"], "OK=1\nBAD.KEY=2\n", "Invalid key name: 'BAD.KEY'"],
    ["a syntax error", ["web", "-"], "OK=1\nA='unterminated secret\n", "unterminated quoted value for A on line 2"],
    ["a line without =", ["web", "-"], "OK=1\nNOEQUALS", "missing '=' after variable name on line 2"],
    ["empty input", ["web", "-"], "", "No config vars to set"],
    ["no file", ["web"], undefined, "No config vars to set"],
    [
      "a missing file",
      ["web", "/nonexistent/vars.env"],
      undefined,
      "open /nonexistent/vars.env: no such file or directory",
    ],
    [
      "json that is not an object of strings",
      ["--format", "json", "web", "-"],
      '{"A":1}',
      "json: cannot unmarshal number into Go value of type string (key A)",
    ],
    [
      "invalid json",
      ["--format", "json", "web", "-"],
      '{"A":"secret"',
      "invalid JSON: expected an object whose values are strings",
    ],
    ["an unknown format", ["--format", "yaml", "web", "-"], "A=1\n", "Unknown format: yaml"],
  ];
  for (const [what, args, stdin, message] of refusals) {
    test(`refuses ${what} and writes nothing`, async () => {
      using roots = rootsWithApp();
      await runDokku(["config:set", "web", "KEEP=me"], { env: roots.env });
      const before = envFileText(roots, "web");
      const result = await runDokku(["--quiet", "config:import", ...args], { env: roots.env, stdin });
      expect(result).toEqual({ stdout: "", stderr: ` !     ${message}\n`, exitCode: 1 });
      expect(envFileText(roots, "web")).toBe(before as string);
    });
  }

  test("refuses a missing app with exit 20", async () => {
    using roots = rootsWithApp();
    expect(await runDokku(["config:import", "nope", "-"], { env: roots.env, stdin: "A=1\n" })).toEqual({
      stdout: "",
      stderr: " !     App nope does not exist\n",
      exitCode: 20,
    });
  });

  test("over ssh reads standard input only, never a server file", async () => {
    using roots = rootsWithApp();
    using dir = tempDir();
    writeFileSync(`${dir.path}/other.env`, "STOLEN=1\n");
    const refused = await runDokku([], {
      env: { ...roots.env, SSH_ORIGINAL_COMMAND: `config:import web ${dir.path}/other.env` },
    });
    expect(refused).toEqual({
      stdout: "",
      stderr: " !     config:import over ssh reads standard input only: pass - and pipe the file\n",
      exitCode: 1,
    });
    expect(envFileText(roots, "web")).toBeUndefined();
    const allowed = await runDokku([], {
      env: { ...roots.env, SSH_ORIGINAL_COMMAND: "--quiet config:import web -" },
      stdin: "S=1\n",
    });
    expect(allowed).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(envFileText(roots, "web")).toBe("export S='1'\n");
  });
});
