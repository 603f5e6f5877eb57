import type { ArgsDef } from "citty";

/** `--process-type` and the app, shared by the four resource commands (parsed again in the plugin, as Dokku's pflag set). */
export const PROCESS_TYPE_ARGS = {
  app: { type: "positional", required: false },
  "process-type": {
    type: "string",
    valueHint: "process-type",
    description: "a process type (default: the app's _default_ values)",
  },
} as const satisfies ArgsDef;

/** The resource flags of resource:limit and resource:reserve; `clear` clears one. */
export const RESOURCE_ARGS = {
  ...PROCESS_TYPE_ARGS,
  cpu: { type: "string", valueHint: "N", description: "number of CPUs, e.g. 1 or 0.5" },
  memory: { type: "string", valueHint: "SIZE", description: "memory, e.g. 512m or 1g (a bare number is megabytes)" },
  "memory-swap": {
    type: "string",
    valueHint: "SIZE",
    description: "memory plus swap, e.g. 1g, or -1 for unlimited swap",
  },
  network: { type: "string", valueHint: "BANDWIDTH", description: "network bandwidth (not used by docker-local)" },
  "network-ingress": {
    type: "string",
    valueHint: "BANDWIDTH",
    description: "ingress bandwidth (not used by docker-local)",
  },
  "network-egress": {
    type: "string",
    valueHint: "BANDWIDTH",
    description: "egress bandwidth (not used by docker-local)",
  },
  "nvidia-gpu": { type: "string", valueHint: "N", description: "number of Nvidia GPUs, or all" },
} as const satisfies ArgsDef;

export const RESOURCE_USAGE = "[--process-type <process-type>] [RESOURCE_OPTS...] <app>";
export const CLEAR_USAGE = "[--process-type <process-type>] <app>";
