import type { Namespace } from "./namespace";

/** Every core namespace. Each feature adds its `src/cli/<ns>/namespace.ts` here. */
export const NAMESPACES: readonly Namespace[] = [];
