import type { DockerClient } from "../executors/docker/client";
import type { TriggerBus } from "../triggers/bus";
import type { PropertyStore } from "../store/property-store";
import type { StateOwner } from "../store/ownership";
import type { Output } from "./output";
import type { Paths } from "./paths";

/** Flags that apply to every command: `dokku [--quiet] [--trace] [--force] [--safe-mode] [--app APP] ...`. */
export interface GlobalFlags {
  readonly quiet: boolean;
  readonly trace: boolean;
  readonly force: boolean;
  /** `--safe-mode` was asked for; whether it is on is `Context.safeMode` (see core/safe-mode). */
  readonly safeMode?: boolean;
  readonly app?: string;
}

/** Standard input, read on demand (ssh-keys:add -, config:import -, destroy confirmation). */
export interface Input {
  readonly isTTY: boolean;
  /** All of stdin as text. */
  readAll(): Promise<string>;
  /** All of stdin as text, or undefined (having read no further) once it is past `maxBytes`. */
  readAtMost(maxBytes: number): Promise<string | undefined>;
  /** One line, for confirmations; undefined at end of input. */
  readLine(): Promise<string | undefined>;
}

/** Everything a command or trigger handler may touch, passed in rather than imported. */
export interface Context {
  readonly paths: Paths;
  readonly store: PropertyStore;
  readonly out: Output;
  readonly bus: TriggerBus;
  readonly flags: GlobalFlags;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly input: Input;
  /** The acting user: NAME from the SSH key's forced command, else the local user. */
  readonly user: string;
  /** The system user running the process. */
  readonly sshUser: string;
  /** Whether the process runs as root (uid 0): some commands are for the server's admin only. */
  readonly isRoot: boolean;
  /** Safe mode is on: no WASM plugin is registered, no plugin command runs (core/safe-mode). */
  readonly safeMode: boolean;
  /** Owner for new state files when root runs a command (see store/ownership). */
  readonly owner: StateOwner | undefined;
  /** Absolute path of this executable, for forced commands and self-spawned children. */
  readonly executablePath: string;
  readonly version: string;
  readonly now: () => Date;
  /** The Docker Engine API (dockerode), connected on first use. */
  readonly docker: () => Promise<DockerClient>;
}
