/** web first, then process types by name: the order plans, statuses and reports list them in. Pure. */
export function processOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "web") return -1;
  if (b === "web") return 1;
  return a < b ? -1 : 1;
}

/** Containers `<proc>.<index>` in processOrder, then by index. Pure. */
export function byDyno(a: { readonly proc: string; readonly index: number }, b: typeof a): number {
  return processOrder(a.proc, b.proc) || a.index - b.index;
}
