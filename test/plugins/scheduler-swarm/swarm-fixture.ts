import { acquireLock } from "../../../src/store/file-lock";
import { docker } from "../scheduler-docker-local/fixture";

/**
 * Runs `fn` with this machine's engine in swarm mode: inits a single-node swarm on 127.0.0.1
 * when the engine is not in one, and leaves it afterwards (a swarm it found stays). Swarm tests
 * take one lock on the machine for their whole run, so two test processes never init and leave
 * the engine's swarm under each other.
 */
export async function withSwarm<T>(fn: () => Promise<T>): Promise<T> {
  const leave = await enterSwarm();
  try {
    return await fn();
  } finally {
    await leave();
  }
}

/**
 * What withSwarm does, for suites that set up in beforeAll and tear down in afterAll: takes the
 * machine's swarm lock and inits a swarm unless one is there; the returned function leaves it
 * (when this made it) and releases the lock.
 */
export async function enterSwarm(): Promise<() => Promise<void>> {
  const lock = await acquireLock("/tmp/dokku-swarm-tests.lock", { timeoutMs: 600_000 });
  try {
    const client = await docker();
    const info = (await client.info()) as { Swarm?: { LocalNodeState?: string } };
    const wasSwarm = info.Swarm?.LocalNodeState === "active";
    if (!wasSwarm) await client.swarmInit({ ListenAddr: "127.0.0.1:2377", AdvertiseAddr: "127.0.0.1" });
    return async () => {
      try {
        if (!wasSwarm) await client.swarmLeave({ force: true });
      } finally {
        lock.release();
      }
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Polls `probe` every 250 ms until it gives a value; throws naming `what` after `ms`. */
export async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(250);
  }
}
