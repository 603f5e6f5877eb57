import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { runDokku } from "../harness";
import { envFilePath, envFileText, rootsWithApp } from "./config-helpers";

type Roots = ReturnType<typeof rootsWithApp>;

/** Our earlier place for a scope's variables: `config/config/<scope>/ENV`. */
function oldEnvPath(roots: Roots, scope: string): string {
  return `${roots.env.DOKKU_LIB_ROOT}/config/config/${scope}/ENV`;
}

function writeOld(roots: Roots, scope: string, text: string): void {
  mkdirSync(`${roots.env.DOKKU_LIB_ROOT}/config/config/${scope}`, { recursive: true });
  writeFileSync(oldEnvPath(roots, scope), text);
}

function writeNew(roots: Roots, scope: string, text: string): void {
  mkdirSync(`${roots.env.DOKKU_LIB_ROOT}/config/${scope}`, { recursive: true });
  writeFileSync(envFilePath(roots, scope), text);
}

async function get(roots: Roots, ...args: string[]): Promise<string> {
  const result = await runDokku(["config:get", ...args], { env: roots.env });
  return result.exitCode === 0 ? result.stdout : `exit ${result.exitCode}`;
}

describe("config state layout (issue 14)", () => {
  test("config:set writes Dokku's config/<app>/ENV and config/--global/ENV", async () => {
    using roots = rootsWithApp();
    expect((await runDokku(["config:set", "--no-restart", "web", "A=1"], { env: roots.env })).exitCode).toBe(0);
    expect((await runDokku(["config:set", "--global", "G=it's"], { env: roots.env })).exitCode).toBe(0);
    expect({ app: envFileText(roots, "web"), global: envFileText(roots, "--global") }).toEqual({
      app: "export A='1'\n",
      global: "export G='it'\\''s'\n",
    });
    expect(existsSync(`${roots.env.DOKKU_LIB_ROOT}/config/config`)).toBe(false);
  });

  test("reads a global ENV written by hand as Dokku's tests write it (`export global_test=true`)", async () => {
    using roots = rootsWithApp();
    writeNew(roots, "--global", "export global_test=true\n");
    expect(await get(roots, "--global", "global_test")).toBe("true\n");
    expect(await get(roots, "web", "global_test")).toBe("exit 1");
    const merged = await runDokku(["config:show", "web", "--merged"], { env: roots.env });
    expect(merged.stdout).toContain("global_test:  true");
  });

  test("apps:destroy, apps:rename and apps:clone carry the app's config folder", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "--no-restart", "web", "K=v"], { env: roots.env });
    expect((await runDokku(["apps:clone", "--skip-deploy", "web", "copy"], { env: roots.env })).exitCode).toBe(0);
    expect((await runDokku(["apps:rename", "--skip-deploy", "web", "moved"], { env: roots.env })).exitCode).toBe(0);
    expect({
      copy: envFileText(roots, "copy"),
      moved: envFileText(roots, "moved"),
      web: envFileText(roots, "web"),
    }).toEqual({ copy: "export K='v'\n", moved: "export K='v'\n", web: undefined });
    expect((await runDokku(["--force", "apps:destroy", "copy"], { env: roots.env })).exitCode).toBe(0);
    expect(existsSync(`${roots.env.DOKKU_LIB_ROOT}/config/copy`)).toBe(false);
    expect(envFileText(roots, "moved")).toBe("export K='v'\n");
  });

  test("the earlier config/config/<scope>/ENV files move to Dokku's place on the next command, once", async () => {
    using roots = rootsWithApp("web", "api");
    writeOld(roots, "web", "export A='1'\nexport B='two words'\n");
    writeOld(roots, "--global", "export G='g'\n");
    writeOld(roots, "api", 'LEGACY="godotenv"\n');
    const first = await runDokku(["apps:list"], { env: roots.env });
    expect({ exitCode: first.exitCode, stderr: first.stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect({
      web: envFileText(roots, "web"),
      global: envFileText(roots, "--global"),
      api: envFileText(roots, "api"),
      old: ["web", "--global", "api"].map((scope) => existsSync(oldEnvPath(roots, scope))),
    }).toEqual({
      web: "export A='1'\nexport B='two words'\n",
      global: "export G='g'\n",
      api: "export LEGACY='godotenv'\n",
      old: [false, false, false],
    });
    expect(await get(roots, "web", "B")).toBe("two words\n");
    expect((await runDokku(["apps:list"], { env: roots.env })).stderr).toBe("");
    expect(envFileText(roots, "web")).toBe("export A='1'\nexport B='two words'\n");
  });

  test("a run killed after writing the new file leaves a state the next run completes, with every value", async () => {
    using roots = rootsWithApp();
    writeOld(roots, "web", "export A='1'\nexport B='2'\n");
    const killed = await runDokku(["apps:list"], { env: { ...roots.env, DOKKU_FAILPOINT: "config-layout:written" } });
    expect(killed.exitCode).not.toBe(0);
    expect({ old: existsSync(oldEnvPath(roots, "web")), now: envFileText(roots, "web") }).toEqual({
      old: true,
      now: "export A='1'\nexport B='2'\n",
    });
    const next = await runDokku(["apps:list"], { env: roots.env });
    expect({ exitCode: next.exitCode, stderr: next.stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect({ old: existsSync(oldEnvPath(roots, "web")), now: envFileText(roots, "web") }).toEqual({
      old: false,
      now: "export A='1'\nexport B='2'\n",
    });
  });

  test("a new file already there wins where the two disagree, and the old one is kept, never lost", async () => {
    using roots = rootsWithApp();
    writeOld(roots, "--global", "export KEEP='old'\nexport ONLY_OLD='x'\n");
    writeNew(roots, "--global", "export KEEP=new\n");
    const run = await runDokku(["apps:list"], { env: roots.env });
    expect(run.exitCode).toBe(0);
    const preserved = `${oldEnvPath(roots, "--global")}.migrated`;
    expect(run.stderr).toBe(
      [
        ` !     Not importing already-migrated ENV file ${oldEnvPath(roots, "--global")}: the current config takes precedence for KEEP`,
        ` !     Preserved at ${preserved}: re-apply anything still needed with dokku config:set, then delete it - dokku does not read it and it may hold values that were unset on purpose`,
        "",
      ].join("\n"),
    );
    expect({ now: envFileText(roots, "--global"), kept: readFileSync(preserved, "utf8") }).toEqual({
      now: "export KEEP='new'\nexport ONLY_OLD='x'\n",
      kept: "export KEEP='old'\nexport ONLY_OLD='x'\n",
    });
  });

  test("concurrent commands and config:set during the move lose nothing", async () => {
    using roots = rootsWithApp();
    writeOld(roots, "web", "export BASE='1'\n");
    const sets = Array.from({ length: 6 }, (_, index) =>
      runDokku(["config:set", "--no-restart", "web", `K${index}=${index}`], { env: roots.env }),
    );
    const results = await Promise.all(sets);
    expect(results.map((result) => result.exitCode)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(envFileText(roots, "web")).toBe(
      "export BASE='1'\nexport K0='0'\nexport K1='1'\nexport K2='2'\nexport K3='3'\nexport K4='4'\nexport K5='5'\n",
    );
    expect(existsSync(oldEnvPath(roots, "web"))).toBe(false);
  });
});
