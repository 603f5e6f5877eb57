import { randomBytes } from "node:crypto";

/**
 * A sortable build id as Dokku makes them: 8 base36 characters of the millisecond time, then
 * 6 of randomness. Ids made later sort after earlier ones.
 */
export function newBuildId(now: Date, random: Uint8Array = randomBytes(6)): string {
  const time = now.getTime().toString(36).padStart(8, "0").slice(-8);
  let noise = 0n;
  for (const byte of random) noise = (noise << 8n) | BigInt(byte);
  return time + noise.toString(36).padStart(6, "0").slice(-6);
}
