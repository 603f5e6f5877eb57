import { describe, expect, test } from "bun:test";
import { runDokku, tempRoots } from "../harness";
import { installFixture } from "../wasm/cli-helpers";
import { buildModule, UNREACHABLE } from "../wasm/wasm-builder";

/** WASM handlers are registered by src/triggers/wasm-handlers.ts (the "sandbox" helper); todo until it exists. */

const FAILED = JSON.stringify({ app: "web", stage: "build", reason: "boom", releaseId: null });

describe("plugin:trigger", () => {
  test("fires a notify trigger and prints the combined result as JSON", async () => {
    using roots = tempRoots();
    expect(await runDokku(["plugin:trigger", "deploy-failed", FAILED], { env: roots.env })).toEqual({
      stdout: '{"failures":[]}\n',
      stderr: "",
      exitCode: 0,
    });
  });

  test("refuses an unknown trigger, bad JSON and a payload that does not match the schema", async () => {
    using roots = tempRoots();
    expect(await runDokku(["plugin:trigger", "post-nothing", "{}"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Unknown trigger post-nothing\n",
      exitCode: 1,
    });
    expect(await runDokku(["plugin:trigger"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Please specify a trigger name\n",
      exitCode: 1,
    });
    expect(await runDokku(["plugin:trigger", "deploy-failed"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     deploy-failed: missing <app>: usage: deploy-failed <app> <stage> <reason> <release-id>\n",
      exitCode: 1,
    });
    const bad = await runDokku(["plugin:trigger", "deploy-failed", "{app:"], { env: roots.env });
    expect(bad.stderr).toStartWith(" !     Invalid JSON payload: ");
    expect(bad.exitCode).toBe(1);
    const schema = await runDokku(["plugin:trigger", "deploy-failed", '{"app":"web"}'], { env: roots.env });
    expect(schema.stderr).toMatch(/^ ! {5}Invalid payload of deploy-failed: .+\n$/);
    expect(schema.exitCode).toBe(1);
  });

  test("a WASM handler that traps on a notify trigger is reported and the others carry on", async () => {
    using roots = tempRoots();
    await installFixture(roots, {
      name: "aaa-crash",
      triggers: [{ name: "deploy-failed" }],
      module: buildModule({ functions: [{ export: "on_deploy_failed", body: UNREACHABLE }] }),
    });
    await installFixture(roots, { name: "zzz-fine", triggers: [{ name: "deploy-failed" }] });
    const result = await runDokku(["plugin:trigger", "deploy-failed", FAILED], { env: roots.env });
    const combined = JSON.parse(result.stdout);
    expect(combined.failures.map((failure: { source: string }) => failure.source)).toEqual(["plugin aaa-crash"]);
    expect(result.stderr).toMatch(/^ ! {5}plugin aaa-crash failed on deploy-failed: .+\n$/);
    expect(result.exitCode).toBe(0);
  });

  test("a disabled plugin's handler does not run", async () => {
    using roots = tempRoots();
    await installFixture(roots, {
      name: "aaa-crash",
      triggers: [{ name: "deploy-failed" }],
      module: buildModule({ functions: [{ export: "on_deploy_failed", body: UNREACHABLE }] }),
    });
    await runDokku(["plugin:disable", "aaa-crash"], { env: roots.env });
    expect(await runDokku(["plugin:trigger", "deploy-failed", FAILED], { env: roots.env })).toEqual({
      stdout: '{"failures":[]}\n',
      stderr: "",
      exitCode: 0,
    });
  });
});
