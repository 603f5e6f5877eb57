import { readdirSync, readFileSync, realpathSync } from "node:fs";
import { DOKKU_BIN } from "../harness";

/** Live sandbox processes of the binary under test (never another binary's: other runs may share the machine). */
export function sandboxProcesses(): number[] {
  const binary = realpathSync(DOKKU_BIN);
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^[0-9]+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (argv[1] === "__wasm-sandbox" && realpathSync(argv[0] as string) === binary) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/**
 * Sandbox processes still there once the kernel finished the SIGKILLs an exiting command sends
 * its children (they may take a moment to go after the command itself has exited); at most 5 s.
 */
export async function sandboxesLeft(): Promise<number[]> {
  const deadline = Date.now() + 5000;
  let found = sandboxProcesses();
  while (found.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setImmediate(resolve));
    found = sandboxProcesses();
  }
  return found;
}
