import { appsPlugin } from "./apps/plugin";
import { configPlugin } from "./config/plugin";
import type { CorePlugin } from "./core-plugin";
import { eventsPlugin } from "./events/plugin";
import { sshKeysPlugin } from "./ssh-keys/plugin";
import { tracePlugin } from "./trace/plugin";

/**
 * Core plugins in their fixed order: handlers of a trigger run in this order, before any WASM
 * plugin. Each later feature adds its plugin here.
 */
export const CORE_PLUGINS: readonly CorePlugin[] = [appsPlugin, configPlugin, sshKeysPlugin, eventsPlugin, tracePlugin];
