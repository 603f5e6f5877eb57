import type { CorePlugin } from "./core-plugin";

/**
 * Core plugins in their fixed order: handlers of a trigger run in this order, before any WASM
 * plugin. Each later feature adds its plugin here.
 */
export const CORE_PLUGINS: readonly CorePlugin[] = [];
