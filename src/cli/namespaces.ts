import { appsNamespace } from "./apps/namespace";
import { builderNamespace } from "./builder/namespace";
import { appJsonNamespace } from "./app-json/namespace";
import { builderDockerfileNamespace } from "./builder-dockerfile/namespace";
import { unavailableBuilderNamespaces } from "./builder-unavailable/namespaces";
import { buildpacksNamespace } from "./buildpacks/namespace";
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
import { schedulerDockerLocalNamespace } from "./scheduler-docker-local/namespace";
import { sshKeysNamespace } from "./ssh-keys/namespace";
import { traceNamespace } from "./trace/namespace";
import { urlNamespace } from "./url/namespace";
import { urlsNamespace } from "./urls/namespace";
import { proxyNamespace } from "./proxy/namespace";
import { nginxNamespace } from "./nginx/namespace";
import { portsNamespace } from "./ports/namespace";
import { domainsNamespace } from "./domains/namespace";
import { certsNamespace } from "./certs/namespace";
import { checksNamespace } from "./checks/namespace";
import { releasesNamespace } from "./releases/namespace";
import { pluginNamespace } from "./plugin/namespace";
import { storageNamespace } from "./storage/namespace";
import { resourceNamespace } from "./resource/namespace";
import { networkNamespace } from "./network/namespace";
import { dockerOptionsNamespace } from "./docker-options/namespace";
import { cleanupNamespace } from "./cleanup/namespace";
import { repoNamespace } from "./repo/namespace";
import { cronNamespace } from "./cron/namespace";
import { schedulerSwarmNamespace } from "./scheduler-swarm/namespace";
import { registryNamespace } from "./registry/namespace";
import { propertiesOnlyNamespaces } from "./properties-only/namespaces";
import type { Namespace } from "./namespace";

/** Every core namespace. Each feature adds its `src/cli/<ns>/namespace.ts` here. */
export const NAMESPACES: readonly Namespace[] = [
  releasesNamespace,
  checksNamespace,
  certsNamespace,
  domainsNamespace,
  portsNamespace,
  nginxNamespace,
  proxyNamespace,
  appsNamespace,
  appJsonNamespace,
  builderNamespace,
  builderDockerfileNamespace,
  ...unavailableBuilderNamespaces,
  buildpacksNamespace,
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
  schedulerDockerLocalNamespace,
  schedulerSwarmNamespace,
  sshKeysNamespace,
  traceNamespace,
  urlNamespace,
  urlsNamespace,
  pluginNamespace,
  storageNamespace,
  resourceNamespace,
  networkNamespace,
  dockerOptionsNamespace,
  cleanupNamespace,
  repoNamespace,
  cronNamespace,
  registryNamespace,
  ...propertiesOnlyNamespaces,
];
