import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../harness";

/**
 * compat/run-dokku-bats.sh against a fake Dokku checkout, a fake `bats` printing canned TAP and a
 * fake `dokku` recording its calls: the runner's counting (pass, fail, excluded, skipped), its
 * refusals and its state reset between files, without Dokku's tests or the installed binary.
 */
const RUNNER = join(REPO_ROOT, "compat/run-dokku-bats.sh");
const isRoot = process.getuid?.() === 0;

let dir: string;
let checkout: string;
let bin: string;

function script(path: string, body: string): void {
  writeFileSync(path, `#!/usr/bin/env bash\n${body}\n`);
  chmodSync(path, 0o755);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "compat-runner-"));
  checkout = join(dir, "dokku");
  bin = join(dir, "bin");
  mkdirSync(join(checkout, "tests/unit"), { recursive: true });
  mkdirSync(bin);
  writeFileSync(join(checkout, "tests/unit/test_helper.bash"), "");
  writeFileSync(join(checkout, "tests/unit/alpha.bats"), "");
  writeFileSync(join(checkout, "tests/unit/beta.bats"), "");
  script(
    join(bin, "bats"),
    `case "$2" in
  alpha.bats) printf '1..4\\nok 1 (alpha) one\\nnot ok 2 (alpha) two\\n# (from function flunk)\\nok 3 (alpha) three # skip no arm64\\nnot ok 4 (alpha) needs an image\\n' ;;
  beta.bats) printf '1..2\\nok 1 (beta) one\\nok 2 (beta) two\\n' ;;
esac`,
  );
  script(join(bin, "dokku"), `echo "$*" >>"${dir}/dokku-calls"`);
  script(join(bin, "uuidgen"), "echo 00000000-0000-0000-0000-000000000000");
  writeFileSync(join(dir, "excluded.txt"), "alpha\t(alpha) needs an image\tpulls python:3 from Docker Hub\n");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const logs = join(dir, "logs");
  const result = Bun.spawnSync([RUNNER, ...args], {
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      COMPAT_LOG_DIR: logs,
      COMPAT_SKIP_SETUP: "1",
      COMPAT_EXCLUDED: join(dir, "excluded.txt"),
    },
  });
  return { code: result.exitCode, stdout: result.stdout.toString(), stderr: result.stderr.toString(), logs };
}

describe.skipIf(!isRoot)("compat/run-dokku-bats.sh", () => {
  test("counts passes, failures, exclusions and skips per file and in total", () => {
    const { code, stdout, logs } = run([checkout, "alpha", "beta"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^alpha\s+1\s+1\s+1\s+1$/m);
    expect(stdout).toMatch(/^beta\s+2\s+0\s+0\s+0$/m);
    expect(stdout).toMatch(/^total\s+3\s+1\s+1\s+1$/m);
    expect(stdout).toContain("passed 3 of 4 counted tests (75.0%); excluded: 1 (0 of them passed)");
    expect(readFileSync(join(logs, "failed.txt"), "utf8")).toBe("alpha\t(alpha) two\n");
    expect(readFileSync(join(logs, "skipped.txt"), "utf8")).toBe("alpha\t(alpha) three\n");
  });

  test("turns trace off and destroys leftover apps before each file and at the end", () => {
    rmSync(join(dir, "dokku-calls"), { force: true });
    run([checkout, "alpha", "beta"]);
    const calls = readFileSync(join(dir, "dokku-calls"), "utf8").trim().split("\n");
    expect(calls.filter((call) => call === "trace:off")).toHaveLength(3);
    expect(calls.filter((call) => call === "--quiet apps:list")).toHaveLength(3);
  });

  test("refuses a directory that is not a Dokku checkout, and an unknown file, in Dokku's error style", () => {
    const notCheckout = run([bin]);
    expect(notCheckout.code).not.toBe(0);
    expect(notCheckout.stderr).toBe(` !     ${bin} is not a dokku checkout (no tests/unit/test_helper.bash)\n`);
    const unknown = run([checkout, "gamma"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toBe(" !     no such test file: tests/unit/gamma.bats\n");
  });

  test("every default file exists in the list format the runner reads", () => {
    const files = readFileSync(join(REPO_ROOT, "compat/files.txt"), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "" && !line.startsWith("#"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(file).toMatch(/^[a-z0-9_-]+$/);
  });

  test("every exclusion names a default file, a test and its reason (a registry image or a plugin from the internet)", () => {
    const files = new Set(
      readFileSync(join(REPO_ROOT, "compat/files.txt"), "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "" && !line.startsWith("#")),
    );
    const lines = readFileSync(join(REPO_ROOT, "compat/excluded.txt"), "utf8").trimEnd().split("\n");
    for (const line of lines) {
      const [file = "", name = "", reason = "", ...extra] = line.split("\t");
      expect({ line, known: files.has(file), extra }).toEqual({ line, known: true, extra: [] });
      expect(name).toMatch(/^\(/);
      expect(reason).toMatch(/registry|Docker Hub|github\.com|GitHub/);
    }
  });
});
