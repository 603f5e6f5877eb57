/**
 * Starts the WASM sandbox child (`dokku __wasm-sandbox start <mb>`) many times, one after the
 * other, and counts how many say they are ready, how many die first (and by which signal), and
 * how long a start takes. A runtime crash at start is rare (it was 0.3 % of starts once): only
 * thousands of starts show it, which no test can afford.
 *
 *   node_modules/.bin/bun bench/sandbox-start.ts [--bin dist/dokku] [--starts 1000] [--memory 64]
 */
import { parseArgs } from "node:util";
import { SANDBOX_COMMAND, SANDBOX_ENV } from "../src/wasm/sandbox-protocol";

const { values } = parseArgs({
  options: { bin: { type: "string" }, starts: { type: "string" }, memory: { type: "string" } },
});
const bin = values.bin ?? process.env.DOKKU_BIN ?? "dist/dokku";
const starts = Number(values.starts ?? 1000);
const memory = values.memory ?? "64";
const READY_WAIT_MS = 5_000;

const signals: Record<string, number> = {};
const times: number[] = [];
let ready = 0;
let silent = 0;
for (let at = 0; at < starts; at++) {
  const started = performance.now();
  const child = Bun.spawn([bin, SANDBOX_COMMAND, "start", memory], {
    stdin: "pipe",
    stdout: "pipe",
    stderr: "pipe",
    env: { ...SANDBOX_ENV },
  });
  const reader = child.stdout.getReader();
  const first = await Promise.race([
    reader.read().then((read) => (read.done ? "" : new TextDecoder().decode(read.value))),
    Bun.sleep(READY_WAIT_MS).then(() => ""),
  ]);
  if (first.includes('"ready"')) {
    ready++;
    times.push(performance.now() - started);
  } else {
    await Promise.race([child.exited, Bun.sleep(1_000)]);
    if (child.signalCode) signals[child.signalCode] = (signals[child.signalCode] ?? 0) + 1;
    else silent++;
  }
  child.kill("SIGKILL");
  await child.exited;
}
times.sort((a, b) => a - b);
const at = (share: number) => (times[Math.min(times.length - 1, Math.floor(share * times.length))] ?? 0).toFixed(1);
const died = Object.values(signals).reduce((sum, count) => sum + count, 0);
console.log(`sandbox starts of ${bin} (${memory} MiB budget): ${starts}`);
console.log(
  `ready: ${ready}; died before ready: ${died} (${((died / starts) * 100).toFixed(2)} %) ${JSON.stringify(signals)}; neither within ${READY_WAIT_MS} ms: ${silent}`,
);
console.log(`time to ready: median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`);
