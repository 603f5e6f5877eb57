import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDokku, tempDir } from "../harness";
import { envFilePath, envFileText, rootsWithApp } from "./config-helpers";

const KIB = 1024;
const MIB = 1024 * KIB;
const VALUE_LIMIT = "config values are limited to 65536 bytes";

/** Writes a scope's ENV file by hand, as an older version or an operator would have. */
function writeEnvFile(roots: { env: Record<string, string> }, scope: string, text: string): void {
  mkdirSync(join(envFilePath(roots, scope), ".."), { recursive: true });
  writeFileSync(envFilePath(roots, scope), text);
}

/** `count` pairs `K<n>=<bytes x's>`. */
function pairs(count: number, bytes: number, prefix = "K"): string[] {
  return Array.from({ length: count }, (_, at) => `${prefix}${at}=${"x".repeat(bytes)}`);
}

describe("config bounds (issue 12)", () => {
  test("config:set refuses a value over 64 KiB, naming the key and its size, and writes nothing of the set", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "--no-restart", "web", "KEEP=1"], { env: roots.env });
    const result = await runDokku(["config:set", "web", "A=1", `BIG=${"x".repeat(100 * KIB)}`, "Z=2"], {
      env: roots.env,
    });
    expect(result).toEqual({
      stdout: "",
      stderr: ` !     Value of BIG is ${100 * KIB} bytes; ${VALUE_LIMIT}\n`,
      exitCode: 1,
    });
    expect(envFileText(roots, "web")).toBe("export KEEP='1'\n");
  });

  test("a value of exactly 64 KiB is accepted", async () => {
    using roots = rootsWithApp();
    const result = await runDokku(["--quiet", "config:set", "--no-restart", "web", `EDGE=${"é".repeat(32 * KIB)}`], {
      env: roots.env,
    });
    expect(result).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(envFileText(roots, "web")?.length).toBe(`export EDGE=''\n`.length + 32 * KIB);
  });

  test("config:import refuses a 10 MB value from stdin, envfile or json, before saying it sets anything", async () => {
    using roots = rootsWithApp();
    const big = "x".repeat(10 * MIB);
    const envfile = await runDokku(["config:import", "web", "-"], { env: roots.env, stdin: `SMALL=1\nBIG=${big}\n` });
    const json = await runDokku(["config:import", "--format", "json", "web", "-"], {
      env: roots.env,
      stdin: JSON.stringify({ SMALL: "1", BIG: big }),
    });
    const refusal = {
      stdout: "-----> Reading config vars from stdin\n",
      stderr: ` !     Value of BIG is 10485760 bytes; ${VALUE_LIMIT}\n`,
      exitCode: 1,
    };
    expect({ envfile, json }).toEqual({ envfile: refusal, json: refusal });
    expect(envFileText(roots, "web")).toBeUndefined();
  });

  test("config:import reads at most 32 MiB, from stdin or a file", async () => {
    using roots = rootsWithApp();
    using dir = tempDir();
    const huge = `BIG=${"x".repeat(32 * MIB)}\n`;
    writeFileSync(join(dir.path, "huge.env"), huge);
    const stdin = await runDokku(["config:import", "web", "-"], { env: roots.env, stdin: huge });
    const file = await runDokku(["config:import", "web", join(dir.path, "huge.env")], { env: roots.env });
    expect({ stdin: [stdin.exitCode, stdin.stderr], file: [file.exitCode, file.stderr] }).toEqual({
      stdin: [1, " !     standard input is larger than 33554432 bytes: config:import reads at most that much\n"],
      file: [
        1,
        ` !     ${join(dir.path, "huge.env")} is larger than 33554432 bytes: config:import reads at most that much\n`,
      ],
    });
    expect(envFileText(roots, "web")).toBeUndefined();
  });

  test("refuses a key over 256 bytes, more than 1000 vars, and more than 256 KiB in all", async () => {
    using roots = rootsWithApp();
    const key = await runDokku(["config:set", "web", `${"K".repeat(300)}=v`], { env: roots.env });
    const badLongKey = await runDokku(["config:import", "--format", "json", "web", "-"], {
      env: roots.env,
      stdin: JSON.stringify({ ["-".repeat(100 * KIB)]: "v" }),
    });
    const many = await runDokku(["config:import", "web", "-"], {
      env: roots.env,
      stdin: `${pairs(1001, 1).join("\n")}\n`,
    });
    const heavy = await runDokku(["config:set", "web", ...pairs(5, 60 * KIB)], { env: roots.env });
    expect({
      key: [key.exitCode, key.stderr],
      badLongKey: [badLongKey.exitCode, badLongKey.stderr],
      many: [many.exitCode, many.stderr],
      heavy: [heavy.exitCode, heavy.stderr],
    }).toEqual({
      key: [1, ` !     Key ${"K".repeat(64)}... is 300 bytes; config keys are limited to 256 bytes\n`],
      badLongKey: [1, ` !     Key ${"-".repeat(64)}... is ${100 * KIB} bytes; config keys are limited to 256 bytes\n`],
      many: [1, " !     Config of web (its own and the global vars) has 1001 vars; the limit is 1000\n"],
      heavy: [
        1,
        ` !     Config of web (its own and the global vars) is ${5 * (3 + 60 * KIB)} bytes (KEY=value, all together); the limit is 262144 bytes\n`,
      ],
    });
    expect(envFileText(roots, "web")).toBeUndefined();
  });

  test("the total counts the global vars under the app's: an app set and a global set that would overflow an app are refused", async () => {
    using roots = rootsWithApp("web", "api");
    expect(
      (await runDokku(["--quiet", "config:set", "--no-restart", "web", ...pairs(4, 60 * KIB)], { env: roots.env }))
        .exitCode,
    ).toBe(0);
    expect(
      (await runDokku(["--quiet", "config:set", "--global", "--no-restart", "G0=1"], { env: roots.env })).exitCode,
    ).toBe(0);
    const web = envFileText(roots, "web");
    const global = envFileText(roots, "--global");
    const appSet = await runDokku(["config:set", "--no-restart", "web", `MORE=${"x".repeat(20 * KIB)}`], {
      env: roots.env,
    });
    const globalSet = await runDokku(["config:set", "--global", "--no-restart", ...pairs(2, 40 * KIB, "G")], {
      env: roots.env,
    });
    const globalBig = await runDokku(["config:set", "--global", `G9=${"x".repeat(65 * KIB)}`], { env: roots.env });
    const globalImport = await runDokku(["config:import", "--global", "-"], {
      env: roots.env,
      stdin: `${pairs(2, 40 * KIB, "G").join("\n")}\n`,
    });
    expect({
      appSet: appSet.stderr,
      globalSet: globalSet.stderr,
      globalBig: globalBig.stderr,
      globalImport: globalImport.stderr,
    }).toEqual({
      appSet: ` !     Config of web (its own and the global vars) is ${4 * (3 + 60 * KIB) + 4 + 5 + 20 * KIB} bytes (KEY=value, all together); the limit is 262144 bytes\n`,
      globalSet: ` !     Config of web (its own and the global vars) is ${4 * (3 + 60 * KIB) + 2 * (3 + 40 * KIB)} bytes (KEY=value, all together); the limit is 262144 bytes\n`,
      globalBig: ` !     Value of G9 is ${65 * KIB} bytes; ${VALUE_LIMIT}\n`,
      globalImport: ` !     Config of web (its own and the global vars) is ${4 * (3 + 60 * KIB) + 2 * (3 + 40 * KIB)} bytes (KEY=value, all together); the limit is 262144 bytes\n`,
    });
    expect({
      web: envFileText(roots, "web"),
      global: envFileText(roots, "--global"),
      api: envFileText(roots, "api"),
    }).toEqual({ web, global, api: undefined });
  });

  test("a value written over the bound by hand blocks sets that keep it, not the ones that remove or shrink it", async () => {
    using roots = rootsWithApp();
    writeEnvFile(roots, "web", `export BIG='${"x".repeat(100 * KIB)}'\nexport SMALL='1'\n`);
    const other = await runDokku(["config:set", "--no-restart", "web", "OTHER=1"], { env: roots.env });
    const shrink = await runDokku(["--quiet", "config:set", "--no-restart", "web", "BIG=small"], { env: roots.env });
    expect({
      other: [other.exitCode, other.stderr],
      shrink: shrink.exitCode,
      after: envFileText(roots, "web"),
    }).toEqual({
      other: [1, ` !     Value of BIG is ${100 * KIB} bytes; ${VALUE_LIMIT}\n`],
      shrink: 0,
      after: "export BIG='small'\nexport SMALL='1'\n",
    });
    writeEnvFile(roots, "web", `export BIG='${"x".repeat(100 * KIB)}'\n`);
    const unset = await runDokku(["--quiet", "config:unset", "--no-restart", "web", "BIG"], { env: roots.env });
    expect({ unset: unset.exitCode, after: envFileText(roots, "web") }).toEqual({ unset: 0, after: "" });
  });

  test("apps:clone refuses an app whose stored config is over the bounds, creating nothing", async () => {
    using roots = rootsWithApp();
    writeEnvFile(roots, "web", `export BIG='${"x".repeat(100 * KIB)}'\n`);
    const result = await runDokku(["apps:clone", "--skip-deploy", "web", "copy"], { env: roots.env });
    expect(result).toEqual({
      stdout: "",
      stderr: ` !     Value of BIG is ${100 * KIB} bytes; ${VALUE_LIMIT}\n`,
      exitCode: 1,
    });
    expect(existsSync(join(roots.env.DOKKU_ROOT as string, "copy"))).toBe(false);
  });
});
