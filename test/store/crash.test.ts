import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readdirSync } from "node:fs";
import { tempDir } from "../harness";
import { lineReader } from "./fixtures/child-lines";

const WRITER = join(import.meta.dir, "fixtures", "crash-writer.ts");
const SIZE = 4 * 1024 * 1024;
const ITERATIONS = 20;

/** Waits (bounded) until a temp file of the property appears: the child is mid-write. */
function waitForTempFile(dir: string, deadline: number): boolean {
  while (Date.now() < deadline) {
    if (existsSync(dir) && readdirSync(dir).some((name) => name.startsWith(".value."))) return true;
  }
  return false;
}

describe("property store crash safety", () => {
  test("a writer killed at any moment leaves the old value, the new value, or no file: never a torn one", async () => {
    using dir = tempDir();
    const root = join(dir.path, "config");
    const scopeDir = join(root, "crash", "app");
    const file = join(scopeDir, "value");
    const seen = { absent: 0, a: 0, b: 0, midWrite: 0 };
    for (let i = 0; i < ITERATIONS; i++) {
      const child = Bun.spawn([process.execPath, WRITER, root, String(SIZE)], { stdout: "pipe", stderr: "inherit" });
      const lines = lineReader(child);
      expect(await lines.next()).toBe("ready");
      // Vary the moment of the kill: at once, after some complete writes, or in the middle of one.
      const moment = i % 4;
      if (moment >= 1) for (let n = 0; n < moment; n++) await lines.next();
      if (moment === 3 && waitForTempFile(scopeDir, Date.now() + 5_000)) seen.midWrite++;
      child.kill("SIGKILL");
      await child.exited;
      lines.release();

      if (!existsSync(file)) {
        seen.absent++;
        continue;
      }
      const content = readFileSync(file, "latin1");
      expect(content.length).toBe(SIZE);
      const first = content[0] as "a" | "b";
      expect(["a", "b"]).toContain(first);
      expect(content === first.repeat(SIZE)).toBe(true);
      seen[first]++;
    }
    expect(seen.a + seen.b).toBeGreaterThan(0);
    expect(seen.midWrite).toBeGreaterThan(0);
  });
});
