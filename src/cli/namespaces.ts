import { appsNamespace } from "./apps/namespace";
import { builderNamespace } from "./builder/namespace";
import { builderDockerfileNamespace } from "./builder-dockerfile/namespace";
import { buildsNamespace } from "./builds/namespace";
import { configNamespace } from "./config/namespace";
import { deployNamespace } from "./deploy/namespace";
import { enterNamespace } from "./enter/namespace";
import { eventsNamespace } from "./events/namespace";
import { gitNamespace } from "./git/namespace";
import { logsNamespace } from "./logs/namespace";
import { psNamespace } from "./ps/namespace";
import { reportNamespace } from "./report/namespace";
import { runNamespace } from "./run/namespace";
import { schedulerNamespace } from "./scheduler/namespace";
import { sshKeysNamespace } from "./ssh-keys/namespace";
import { traceNamespace } from "./trace/namespace";
import { urlNamespace } from "./url/namespace";
import { urlsNamespace } from "./urls/namespace";
import type { Namespace } from "./namespace";

/** Every core namespace. Each feature adds its `src/cli/<ns>/namespace.ts` here. */
export const NAMESPACES: readonly Namespace[] = [
  appsNamespace,
  builderNamespace,
  builderDockerfileNamespace,
  buildsNamespace,
  configNamespace,
  deployNamespace,
  enterNamespace,
  eventsNamespace,
  gitNamespace,
  logsNamespace,
  psNamespace,
  reportNamespace,
  runNamespace,
  schedulerNamespace,
  sshKeysNamespace,
  traceNamespace,
  urlNamespace,
  urlsNamespace,
];
