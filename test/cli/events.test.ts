import { describe, expect, test } from "bun:test";
import { chownSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_TRIGGERS } from "../../sdk/triggers/all";
import { runDokku, tempRoots } from "../harness";

const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z dokku\[\d+\]: INVOKED: ([a-z-]+)\( (\{.*\}) \) NAME=(\S+)$/;

function enabledPath(env: Record<string, string>): string {
  return join(env.DOKKU_LIB_ROOT as string, "config", "events", "--global", "enabled");
}

function logLines(env: Record<string, string>): string[] {
  const path = join(env.DOKKU_LOGS_DIR as string, "events.log");
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8").split("\n").slice(0, -1);
}

describe("dokku events", () => {
  test("events:list warns that the logger is disabled until events:on", async () => {
    using roots = tempRoots();
    expect(await runDokku(["events:list"], { env: roots.env })).toEqual({
      stdout: "",
      stderr: " !     Events logger disabled\n",
      exitCode: 0,
    });
  });

  test("events:on stores the global property and events:list names every declared trigger", async () => {
    using roots = tempRoots();
    expect(await runDokku(["events:on"], { env: roots.env })).toEqual({
      stdout: "Enabling dokku events logger\n",
      stderr: "",
      exitCode: 0,
    });
    expect(readFileSync(enabledPath(roots.env), "utf8")).toBe("true");
    expect(statSync(enabledPath(roots.env)).mode & 0o777).toBe(0o600);
    const names = Object.keys(ALL_TRIGGERS).sort();
    expect(await runDokku(["events:list"], { env: roots.env })).toEqual({
      stdout: `=====> Events currently logged\n${names.map((name) => `${name}\n`).join("")}`,
      stderr: "",
      exitCode: 0,
    });
  });

  test("logs every fired trigger with its payload and acting user while on, and nothing once off", async () => {
    using roots = tempRoots();
    await runDokku(["events:on"], { env: roots.env });
    expect(logLines(roots.env)).toEqual([]);
    await runDokku(["trace:off"], { env: { ...roots.env, NAME: "alice" } });
    const lines = logLines(roots.env);
    expect(lines).toHaveLength(1);
    const [, trigger, payload, user] = LINE.exec(lines[0] as string) ?? [];
    expect({ trigger, user }).toEqual({ trigger: "user-auth", user: "alice" });
    expect(JSON.parse(payload as string)).toMatchObject({ user: "alice", command: "trace:off" });

    expect(await runDokku(["events:off"], { env: roots.env })).toEqual({
      stdout: "Disabling dokku events logger\n",
      stderr: "",
      exitCode: 0,
    });
    expect(existsSync(enabledPath(roots.env))).toBe(false);
    const count = logLines(roots.env).length;
    await runDokku(["trace:off"], { env: roots.env });
    expect(logLines(roots.env)).toHaveLength(count);
  });

  test("never writes the arguments of a command to the log", async () => {
    using roots = tempRoots();
    await runDokku(["events:on"], { env: roots.env });
    await runDokku(["trace:off", "TOKEN=s3cret-value"], { env: roots.env });
    const log = readFileSync(join(roots.env.DOKKU_LOGS_DIR as string, "events.log"), "utf8");
    expect(log).toContain('"command":"trace:off"');
    expect(log).not.toContain("s3cret-value");
  });

  test("creates a missing logs dir", async () => {
    using roots = tempRoots();
    rmSync(roots.env.DOKKU_LOGS_DIR as string, { recursive: true });
    await runDokku(["events:on"], { env: roots.env });
    await runDokku(["trace:off"], { env: roots.env });
    expect(logLines(roots.env)).toHaveLength(1);
  });

  test.if(process.getuid?.() === 0)(
    "as root, hands a new logs dir and log to the owner of the state roots",
    async () => {
      using roots = tempRoots();
      rmSync(roots.env.DOKKU_LOGS_DIR as string, { recursive: true });
      chownSync(roots.env.DOKKU_LIB_ROOT as string, 65534, 65534);
      await runDokku(["events:on"], { env: roots.env });
      await runDokku(["trace:off"], { env: roots.env });
      const logs = roots.env.DOKKU_LOGS_DIR as string;
      expect(statSync(logs).uid).toBe(65534);
      expect(statSync(join(logs, "events.log")).uid).toBe(65534);
      expect(statSync(enabledPath(roots.env)).uid).toBe(65534);
    },
  );

  test("lines of concurrent commands never interleave", async () => {
    using roots = tempRoots();
    await runDokku(["events:on"], { env: roots.env });
    const runs = 12;
    const results = await Promise.all(
      Array.from({ length: runs }, (_, i) =>
        runDokku(["trace:off", `arg-${i}`], { env: { ...roots.env, NAME: `user-${i}` } }),
      ),
    );
    expect(results.every((result) => result.exitCode === 0)).toBe(true);
    const lines = logLines(roots.env);
    expect(lines).toHaveLength(runs);
    for (const line of lines) expect(line).toMatch(LINE);
    expect(lines.map((line) => LINE.exec(line)?.[3]).sort()).toEqual(
      Array.from({ length: runs }, (_, i) => `user-${i}`).sort(),
    );
  });

  test("events shows the last 100 lines, and nothing without a log", async () => {
    using roots = tempRoots();
    expect(await runDokku(["events"], { env: roots.env })).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    const lines = Array.from({ length: 150 }, (_, i) => `line ${i + 1}`);
    writeFileSync(join(roots.env.DOKKU_LOGS_DIR as string, "events.log"), `${lines.join("\n")}\n`);
    expect(await runDokku(["events"], { env: roots.env })).toEqual({
      stdout: `${lines.slice(50).join("\n")}\n`,
      stderr: "",
      exitCode: 0,
    });
  });

  test("events -t prints the last lines and stops at the end of its input", async () => {
    using roots = tempRoots();
    writeFileSync(join(roots.env.DOKKU_LOGS_DIR as string, "events.log"), "one\ntwo\n");
    expect(await runDokku(["events", "-t"], { env: roots.env, stdin: "" })).toEqual({
      stdout: "one\ntwo\n",
      stderr: "",
      exitCode: 0,
    });
  });
});
