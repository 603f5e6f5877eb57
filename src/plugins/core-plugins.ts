import type { CorePlugin } from "./core-plugin";
import { nginxPlugin } from "./nginx/plugin";
import { proxyPlugin } from "./proxy/plugin";
import { checksPlugin } from "./checks/plugin";
import { certsPlugin } from "./certs/plugin";
import { portsPlugin } from "./ports/plugin";
import { domainsPlugin } from "./domains/plugin";
import { appsPlugin } from "./apps/plugin";
import { appJsonPlugin } from "./app-json/plugin";
import { builderDockerfilePlugin } from "./builder-dockerfile/plugin";
import { builderNullPlugin } from "./builder-null/plugin";
import { builderPlugin, builderUnavailablePlugin } from "./builder/plugin";
import { buildsPlugin } from "./builds/plugin";
import { configPlugin } from "./config/plugin";
import { eventsPlugin } from "./events/plugin";
import { gitPlugin } from "./git/plugin";
import { psPlugin } from "./ps/plugin";
import { releasePlugin } from "./release/plugin";
import { schedulerDockerLocalPlugin } from "./scheduler-docker-local/plugin";
import { schedulerPlugin } from "./scheduler/plugin";
import { schedulerSwarmPlugin } from "./scheduler-swarm/plugin";
import { sshKeysPlugin } from "./ssh-keys/plugin";
import { tracePlugin } from "./trace/plugin";
import { networkPlugin } from "./network/plugin";
import { resourcePlugin } from "./resource/plugin";
import { storagePlugin } from "./storage/plugin";
import { dockerOptionsPlugin } from "./docker-options/plugin";
import { cronPlugin } from "./cron/plugin";
import { registryPlugin } from "./registry/plugin";
import { propertiesOnlyPlugin } from "./properties-only/plugin";

/**
 * Core plugins in their fixed order: handlers of a trigger run in this order, before any WASM
 * plugin. Builders come in the order `builder-detect` should ask them. Each feature adds its
 * plugin here.
 */
export const CORE_PLUGINS: readonly CorePlugin[] = [
  appsPlugin,
  appJsonPlugin,
  configPlugin,
  sshKeysPlugin,
  eventsPlugin,
  tracePlugin,
  gitPlugin,
  builderPlugin,
  builderDockerfilePlugin,
  builderNullPlugin,
  builderUnavailablePlugin,
  buildsPlugin,
  releasePlugin,
  schedulerPlugin,
  schedulerDockerLocalPlugin,
  schedulerSwarmPlugin,
  psPlugin,
  domainsPlugin,
  portsPlugin,
  certsPlugin,
  checksPlugin,
  proxyPlugin,
  nginxPlugin,
  storagePlugin,
  resourcePlugin,
  networkPlugin,
  dockerOptionsPlugin,
  cronPlugin,
  registryPlugin,
  propertiesOnlyPlugin,
];
