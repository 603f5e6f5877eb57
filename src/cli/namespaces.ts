import { appsNamespace } from "./apps/namespace";
import { configNamespace } from "./config/namespace";
import { eventsNamespace } from "./events/namespace";
import type { Namespace } from "./namespace";
import { reportNamespace } from "./report/namespace";
import { sshKeysNamespace } from "./ssh-keys/namespace";
import { traceNamespace } from "./trace/namespace";

/** Every core namespace. Each feature adds its `src/cli/<ns>/namespace.ts` here. */
export const NAMESPACES: readonly Namespace[] = [
  appsNamespace,
  configNamespace,
  eventsNamespace,
  reportNamespace,
  sshKeysNamespace,
  traceNamespace,
];
