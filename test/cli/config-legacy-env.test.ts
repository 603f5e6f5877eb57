import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { runDokku } from "../harness";
import { envFileText, rootsWithApp } from "./config-helpers";

type Roots = ReturnType<typeof rootsWithApp>;

const legacyPath = (roots: Roots, app?: string) =>
  app === undefined ? `${roots.env.DOKKU_ROOT}/ENV` : `${roots.env.DOKKU_ROOT}/${app}/ENV`;

const installCore = (roots: Roots, env: Record<string, string> = {}) =>
  runDokku(["plugin:install", "--core"], { env: { ...roots.env, ...env } });

describe("plugin:install --core drains Dokku's pre-0.38 ENV files (issue 14)", () => {
  test("imports $DOKKU_ROOT/ENV and $DOKKU_ROOT/<app>/ENV over the config once, and removes them", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "--no-restart", "web", "KEEP=current", "SAME=current"], { env: roots.env });
    writeFileSync(legacyPath(roots, "web"), "export SAME=legacy\nexport NEW='from file'\n");
    writeFileSync(legacyPath(roots), "export G=1\n");
    const result = await installCore(roots);
    expect(result).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect({ web: envFileText(roots, "web"), global: envFileText(roots, "--global") }).toEqual({
      web: "export KEEP='current'\nexport NEW='from file'\nexport SAME='legacy'\n",
      global: "export G='1'\n",
    });
    expect([existsSync(legacyPath(roots, "web")), existsSync(legacyPath(roots))]).toEqual([false, false]);
    expect(readFileSync(`${roots.env.DOKKU_LIB_ROOT}/config/config/web/env-migrated`, "utf8")).toBe("true");
  });

  test("a file found after the drain is not imported: removed when it agrees, else kept as ENV.migrated", async () => {
    using roots = rootsWithApp();
    expect((await installCore(roots)).exitCode).toBe(0);
    await runDokku(["config:set", "--no-restart", "web", "KEEP=new"], { env: roots.env });
    writeFileSync(legacyPath(roots, "web"), "export KEEP=new\n");
    expect(await installCore(roots)).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(existsSync(legacyPath(roots, "web"))).toBe(false);

    writeFileSync(legacyPath(roots, "web"), "export KEEP=old\nexport RESURRECTED=yes\n");
    const stale = await installCore(roots);
    expect(stale.exitCode).toBe(0);
    expect(stale.stderr).toContain(
      `Not importing already-migrated ENV file ${legacyPath(roots, "web")}: the current config takes precedence for KEEP RESURRECTED`,
    );
    expect(stale.stderr).toContain(`Preserved at ${legacyPath(roots, "web")}.migrated: `);
    expect(stale.stderr).toContain("then delete it");
    expect({
      env: envFileText(roots, "web"),
      kept: readFileSync(`${legacyPath(roots, "web")}.migrated`, "utf8"),
    }).toEqual({
      env: "export KEEP='new'\n",
      kept: "export KEEP=old\nexport RESURRECTED=yes\n",
    });
  });

  test.each(["config-legacy:written", "config-legacy:recorded"])(
    "killed at %s, the next run completes the drain with the file's values, importing it once",
    async (point) => {
      using roots = rootsWithApp();
      writeFileSync(legacyPath(roots, "web"), "export A=1\n");
      expect((await installCore(roots, { DOKKU_FAILPOINT: point })).exitCode).not.toBe(0);
      expect(existsSync(legacyPath(roots, "web"))).toBe(true);
      expect(await installCore(roots)).toEqual({ stdout: "", stderr: "", exitCode: 0 });
      expect({ env: envFileText(roots, "web"), file: existsSync(legacyPath(roots, "web")) }).toEqual({
        env: "export A='1'\n",
        file: false,
      });
    },
  );

  test.each([[["{}"]], [[]]])(
    "the config-migrate-env trigger (Dokku's) drains the same way, given %p",
    async (args) => {
      using roots = rootsWithApp();
      writeFileSync(legacyPath(roots, "web"), "export A=1\n");
      const fired = await runDokku(["plugin:trigger", "config-migrate-env", ...args], { env: roots.env });
      expect({ exitCode: fired.exitCode, stderr: fired.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect({ env: envFileText(roots, "web"), file: existsSync(legacyPath(roots, "web")) }).toEqual({
        env: "export A='1'\n",
        file: false,
      });
    },
  );

  test("--core takes no other argument", async () => {
    using roots = rootsWithApp();
    expect(await runDokku(["plugin:install", "--core", "x"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Unexpected argument x\n",
      exitCode: 1,
    });
  });
});
