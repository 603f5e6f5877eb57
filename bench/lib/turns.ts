/**
 * Rows measured in alternating turns (bench/zero-downtime.ts): every round runs each target once,
 * the order rotated from round to round, so drift in the machine's speed (other work on it,
 * sockets in TIME_WAIT) hits every row alike; a ratio is then taken per round, between turns
 * seconds apart, and its median read.
 */
import type { LoadResult } from "./load";

/** The order of `count` targets in round `round` (0-based): rotated by one each round. Pure. */
export function rotation(count: number, round: number): number[] {
  return Array.from({ length: count }, (_, at) => (at + round) % count);
}

/** The middle value (mean of the two middle ones for an even count); NaN for none. Pure. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function rate(result: LoadResult): number {
  return result.requests / result.seconds;
}

/** Per round, the throughput of `of` over that of `to`. Pure. */
export function turnRatios(rounds: readonly (readonly LoadResult[])[], of: number, to: number): number[] {
  return rounds.map((round) => rate(round[of] as LoadResult) / rate(round[to] as LoadResult));
}

/**
 * `rounds` rounds of one turn per target (`turn(index)` measures target `index`), in the order
 * of `rotation`; `beforeTurn` runs before each (the TIME_WAIT wait). Results by round, then by
 * target index.
 */
export async function alternate(
  count: number,
  rounds: number,
  turn: (index: number) => Promise<LoadResult>,
  beforeTurn: () => Promise<void>,
): Promise<LoadResult[][]> {
  const results: LoadResult[][] = [];
  for (let round = 0; round < rounds; round++) {
    const byTarget: LoadResult[] = [];
    for (const index of rotation(count, round)) {
      await beforeTurn();
      byTarget[index] = await turn(index);
    }
    results.push(byTarget);
  }
  return results;
}
