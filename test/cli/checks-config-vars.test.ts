import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { runDokku } from "../harness";
import { envFileText, rootsWithApp } from "./config-helpers";

type Roots = ReturnType<typeof rootsWithApp>;

const installCore = (roots: Roots, env: Record<string, string> = {}) =>
  runDokku(["plugin:install", "--core"], { env: { ...roots.env, ...env } });
const property = (roots: Roots, scope: string, key: string) => {
  const path = `${roots.env.DOKKU_LIB_ROOT}/config/checks/${scope}/${key}`;
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
};

describe("plugin:install --core moves the checks plugin's deprecated config variables to its properties (issue 14)", () => {
  test("a pre-0.38 ENV file's DOKKU_CHECKS_SKIPPED becomes the skipped property, as Dokku's config test expects", async () => {
    using roots = rootsWithApp();
    writeFileSync(`${roots.env.DOKKU_ROOT}/web/ENV`, "export DOKKU_CHECKS_SKIPPED=worker\n");
    const result = await installCore(roots);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      "-----> Migrating deprecated DOKKU_CHECKS_SKIPPED to checks skipped property for web. Use 'dokku checks:set web skipped <value>' to manage this going forward.\n",
    );
    const report = await runDokku(["checks:report", "web", "--checks-skipped-list"], { env: roots.env });
    expect(report.stdout).toBe("worker\n");
    expect(envFileText(roots, "web")).not.toContain("DOKKU_CHECKS_SKIPPED");
    expect(existsSync(`${roots.env.DOKKU_ROOT}/web/ENV`)).toBe(false);
  });

  test("global and transformed variables: DOKKU_WAIT_TO_RETIRE, DOKKU_SKIP_ALL_CHECKS=true, DOKKU_CHECKS_ENABLED=0", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "--global", "--no-restart", "DOKKU_WAIT_TO_RETIRE=30"], { env: roots.env });
    await runDokku(["config:set", "--no-restart", "web", "DOKKU_SKIP_ALL_CHECKS=true", "DOKKU_CHECKS_ENABLED=0"], {
      env: roots.env,
    });
    expect((await installCore(roots)).exitCode).toBe(0);
    expect(property(roots, "--global", "wait-to-retire")).toBe("30");
    expect(property(roots, "web", "disabled")).toBe("_all_");
    expect(property(roots, "web", "skipped")).toBe("_all_");
    expect(envFileText(roots, "web")).toBe("");
    expect(envFileText(roots, "--global")).toBe("");
  });

  test("a property set already wins and the variable stays; a second run changes nothing", async () => {
    using roots = rootsWithApp();
    await runDokku(["checks:set", "web", "wait-to-retire", "90"], { env: roots.env });
    await runDokku(["config:set", "--no-restart", "web", "DOKKU_WAIT_TO_RETIRE=30"], { env: roots.env });
    expect(await installCore(roots)).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(property(roots, "web", "wait-to-retire")).toBe("90");
    expect(envFileText(roots, "web")).toContain("DOKKU_WAIT_TO_RETIRE='30'");
  });

  test("a run killed between the property and the config write is completed by the next", async () => {
    using roots = rootsWithApp();
    await runDokku(["config:set", "--no-restart", "web", "DOKKU_CHECKS_SKIPPED=worker", "KEEP=1"], { env: roots.env });
    const killed = await installCore(roots, { DOKKU_FAILPOINT: "config-property:written" });
    expect(killed.exitCode).not.toBe(0);
    expect(property(roots, "web", "skipped")).toBe("worker");
    expect(envFileText(roots, "web")).toContain("DOKKU_CHECKS_SKIPPED");
    expect((await installCore(roots)).exitCode).toBe(0);
    expect(property(roots, "web", "skipped")).toBe("worker");
    expect(envFileText(roots, "web")).toBe("export KEEP='1'\n");
  });
});
