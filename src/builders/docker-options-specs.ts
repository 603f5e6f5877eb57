import type { HostConfig, ImageBuildOptions } from "dockerode";
import { fail } from "../core/errors";
import { isValidRestartPolicy, restartPolicyOption } from "./container-spec";
import { DOKKU_LABELS } from "./docker-args";
import * as v from "./docker-options-values";

/** What the options of a deploy or run container add up to while they are applied in order. */
export interface ContainerState {
  readonly binds: string[];
  /** Anonymous volumes (`-v /container/path`): container paths. */
  readonly volumes: string[];
  readonly host: Partial<HostConfig>;
  readonly labels: Record<string, string>;
  /** `-e` values: they win over env files, as in docker. */
  readonly env: Record<string, string>;
  /** `--env-file` paths, in order. */
  readonly envFiles: string[];
  readonly log: { driver?: string; options: Record<string, string> };
}

/** What the build-phase options add up to: fields of the image build's options. */
export type BuildState = Pick<
  ImageBuildOptions,
  "networkmode" | "shmsize" | "memory" | "memswap" | "nocache" | "pull" | "target"
> & {
  buildargs: Record<string, string>;
  labels: Record<string, string>;
};

export const emptyContainerState = (): ContainerState => ({
  binds: [],
  volumes: [],
  host: {},
  labels: {},
  env: {},
  envFiles: [],
  log: { options: {} },
});
export const emptyBuildState = (): BuildState => ({ buildargs: {}, labels: {} });

/** One docker CLI option we understand: its names, and how it shapes a container and/or an image build. */
export interface OptionSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly takesValue: boolean;
  /** Applies to deploy containers only (`--restart`: one-off containers are removed on exit). */
  readonly deployOnly?: boolean;
  readonly container?: (value: string, flag: string, state: ContainerState) => void;
  readonly build?: (value: string, flag: string, state: BuildState) => void;
}

type ListKey =
  | "CapAdd"
  | "CapDrop"
  | "Devices"
  | "DeviceRequests"
  | "ExtraHosts"
  | "Ulimits"
  | "Links"
  | "GroupAdd"
  | "Dns"
  | "SecurityOpt";

function append(state: ContainerState, key: ListKey, item: unknown): void {
  const host = state.host as Record<string, unknown>;
  host[key] = [...((host[key] as unknown[] | undefined) ?? []), item];
}

function label(flag: string, value: string, labels: Record<string, string>): void {
  const [key, text] = v.parseKeyValue(flag, value, true);
  if (DOKKU_LABELS.includes(key))
    fail(
      `Invalid ${flag} value '${value}': ${key} is a label dokku sets and reads to tell its containers apart`,
      "invalid-docker-option",
    );
  labels[key] = text;
}

function assign(target: Record<string, string>, flag: string, value: string): void {
  const [key, text] = v.parseKeyValue(flag, value);
  target[key] = text;
}

const boolean = (value: string) => value === "true";
const CAPABILITY = /^[A-Za-z_]+$/;

/** Every option we understand, sorted by name. */
export const OPTION_SPECS: readonly OptionSpec[] = [
  {
    name: "--add-host",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => append(s, "ExtraHosts", v.parseExtraHost(flag, value)),
  },
  { name: "--build-arg", aliases: [], takesValue: true, build: (value, flag, s) => assign(s.buildargs, flag, value) },
  {
    name: "--cap-add",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => append(s, "CapAdd", v.parseName(flag, value, CAPABILITY)),
  },
  {
    name: "--cap-drop",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => append(s, "CapDrop", v.parseName(flag, value, CAPABILITY)),
  },
  {
    name: "--cpus",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => {
      s.host.NanoCpus = v.parseNanoCpus(flag, value);
    },
  },
  {
    name: "--device",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => append(s, "Devices", v.parseDevice(flag, value)),
  },
  {
    name: "--dns",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => append(s, "Dns", v.parseIp(flag, value)),
  },
  { name: "--env", aliases: ["-e"], takesValue: true, container: (value, flag, s) => assign(s.env, flag, value) },
  {
    name: "--env-file",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => {
      if (!value.startsWith("/") || value.split("/").includes(".."))
        fail(`Invalid ${flag} value '${value}': expected an absolute path without '..'`, "invalid-docker-option");
      s.envFiles.push(value);
    },
  },
  {
    name: "--gpus",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => append(s, "DeviceRequests", v.parseGpus(flag, value)),
  },
  {
    name: "--group-add",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => append(s, "GroupAdd", v.parseName(flag, value, /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/)),
  },
  {
    name: "--init",
    aliases: [],
    takesValue: false,
    container: (value, _flag, s) => {
      s.host.Init = boolean(value);
    },
  },
  {
    name: "--label",
    aliases: ["-l"],
    takesValue: true,
    container: (value, flag, s) => label(flag, value, s.labels),
    build: (value, flag, s) => label(flag, value, s.labels),
  },
  {
    name: "--link",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => append(s, "Links", v.parseLink(flag, value)),
  },
  {
    name: "--log-driver",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => {
      s.log.driver = v.parseName(flag, value);
    },
  },
  {
    name: "--log-opt",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => assign(s.log.options, flag, value),
  },
  {
    name: "--memory",
    aliases: ["-m"],
    takesValue: true,
    container: (value, flag, s) => {
      s.host.Memory = v.parseSize(flag, value);
    },
    build: (value, flag, s) => {
      s.memory = v.parseSize(flag, value);
    },
  },
  {
    name: "--memory-reservation",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => {
      s.host.MemoryReservation = v.parseSize(flag, value);
    },
  },
  {
    name: "--memory-swap",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => {
      s.host.MemorySwap = v.parseSizeOrUnlimited(flag, value);
    },
    build: (value, flag, s) => {
      s.memswap = v.parseSizeOrUnlimited(flag, value);
    },
  },
  {
    name: "--network",
    aliases: ["--net"],
    takesValue: true,
    container: (value, flag, s) => {
      s.host.NetworkMode = v.parseName(flag, value);
    },
    build: (value, flag, s) => {
      s.networkmode = v.parseName(flag, value);
    },
  },
  {
    name: "--no-cache",
    aliases: [],
    takesValue: false,
    build: (value, _flag, s) => {
      s.nocache = boolean(value);
    },
  },
  {
    name: "--pids-limit",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => {
      s.host.PidsLimit = v.parseInteger(flag, value);
    },
  },
  {
    name: "--privileged",
    aliases: [],
    takesValue: false,
    container: (value, _flag, s) => {
      s.host.Privileged = boolean(value);
    },
  },
  {
    name: "--publish",
    aliases: ["-p"],
    takesValue: true,
    container: (value, flag, s) => {
      const [port, binding] = v.parsePublish(flag, value);
      s.host.PortBindings = {
        ...s.host.PortBindings,
        [port]: [...((s.host.PortBindings as Record<string, unknown[]> | undefined)?.[port] ?? []), binding],
      };
    },
  },
  {
    name: "--pull",
    aliases: [],
    takesValue: false,
    build: (value, _flag, s) => {
      s.pull = boolean(value);
    },
  },
  {
    name: "--restart",
    aliases: [],
    takesValue: true,
    deployOnly: true,
    container: (value, flag, s) => {
      if (!isValidRestartPolicy(value))
        fail(
          `Invalid ${flag} value '${value}': expected no, always, unless-stopped, on-failure or on-failure:N`,
          "invalid-docker-option",
        );
      s.host.RestartPolicy = restartPolicyOption(value);
    },
  },
  {
    name: "--security-opt",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => append(s, "SecurityOpt", v.parseName(flag, value, /^[A-Za-z0-9][^\s]*$/)),
  },
  {
    name: "--shm-size",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => {
      s.host.ShmSize = v.parseSize(flag, value);
    },
    build: (value, flag, s) => {
      s.shmsize = v.parseSize(flag, value);
    },
  },
  {
    name: "--sysctl",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => {
      const [key, text] = v.parseKeyValue(flag, value);
      s.host.Sysctls = { ...s.host.Sysctls, [key]: text };
    },
  },
  {
    name: "--target",
    aliases: [],
    takesValue: true,
    build: (value, flag, s) => {
      s.target = v.parseName(flag, value);
    },
  },
  {
    name: "--tmpfs",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => {
      const [path, options] = v.parseTmpfs(flag, value);
      s.host.Tmpfs = { ...s.host.Tmpfs, [path]: options };
    },
  },
  {
    name: "--ulimit",
    aliases: [],
    takesValue: true,
    container: (value, flag, s) => append(s, "Ulimits", v.parseUlimit(flag, value)),
  },
  {
    name: "--volume",
    aliases: ["-v"],
    takesValue: true,
    container: (value, flag, s) => {
      const volume = v.parseVolume(flag, value);
      if ("bind" in volume) s.binds.push(volume.bind);
      else s.volumes.push(volume.anonymous);
    },
  },
];
