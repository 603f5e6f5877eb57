import { describe, expect, test } from "bun:test";
import { cmdlineLabel, parseStatus, startRssSampler } from "../../bench/lib/proc-rss";

const MIB = 1024 * 1024;

describe("proc-rss", () => {
  test("reads VmRSS and VmHWM in bytes, 0 when a status has none", () => {
    const status = "Name:\tgit\nVmPeak:\t  9000 kB\nVmHWM:\t    4096 kB\nVmRSS:\t    2048 kB\nThreads:\t1\n";
    expect([parseStatus(status), parseStatus("Name:\tkthreadd\nThreads:\t1\n")]).toEqual([
      { rss: 2048 * 1024, hwm: 4096 * 1024 },
      { rss: 0, hwm: 0 },
    ]);
  });

  test("labels a process by its argv, the program without its folder, shortened", () => {
    expect([
      cmdlineLabel("/usr/local/bin/dokku\u0000git-hook\u0000app\u0000"),
      cmdlineLabel(`/bin/sh\u0000${"x".repeat(80)}\u0000`, 20),
    ]).toEqual(["dokku git-hook app", "sh xxxxxxxxxxxxxx..."]);
  });

  test("sees the peak of a child of the given executable and sums concurrent ones", async () => {
    const sampler = startRssSampler(process.pid, process.execPath, 5);
    const hold =
      "const b = Buffer.alloc(48 * 1024 * 1024, 1); console.log('ready'); for await (const _ of process.stdin) {} console.log(b[0]);";
    const children = [0, 1].map(() =>
      Bun.spawn([process.execPath, "-e", hold], { stdin: "pipe", stdout: "pipe", stderr: "inherit" }),
    );
    const readers = children.map((child) => child.stdout.getReader());
    for (const reader of readers) expect(new TextDecoder().decode((await reader.read()).value)).toBe("ready\n");
    const report = sampler.stop(); // its last sample is taken now, while both hold their buffers
    for (const child of children) {
      void child.stdin.end();
      await child.exited;
    }
    const ours = report.processes.filter((proc) => proc.ours && children.some((child) => child.pid === proc.pid));
    expect(ours.map((proc) => proc.peakBytes >= 48 * MIB)).toEqual([true, true]);
    expect(report.maxOursSumBytes).toBeGreaterThanOrEqual(96 * MIB);
  });
});
