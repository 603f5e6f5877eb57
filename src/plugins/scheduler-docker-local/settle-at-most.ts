/**
 * `work` over `items`, at most `limit` at a time; once one fails no further item starts. Each
 * item that ran with its outcome, in the items' order (those never started are left out).
 */
export async function settleAtMost<T, R>(
  limit: number,
  items: readonly T[],
  work: (item: T) => Promise<R>,
): Promise<[T, PromiseSettledResult<R>][]> {
  const outcomes: (PromiseSettledResult<R> | undefined)[] = items.map(() => undefined);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const at = next++;
      try {
        outcomes[at] = { status: "fulfilled", value: await work(items[at] as T) };
      } catch (reason) {
        outcomes[at] = { status: "rejected", reason };
        failed = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return items.flatMap((item, at) => {
    const outcome = outcomes[at];
    return outcome === undefined ? [] : [[item, outcome] as [T, PromiseSettledResult<R>]];
  });
}
