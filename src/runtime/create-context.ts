import type { Context, GlobalFlags, Input } from "../core/context";
import { createOutput, processSink, type OutputSink } from "../core/output";
import { pathsFromEnv, propertiesDir } from "../core/paths";
import { decideSafeMode, SAFE_MODE_NOTICE } from "../core/safe-mode";
import { currentSystemUser } from "../core/system-user";
import { VERSION } from "../core/version";
import { dockerConnector } from "../executors/docker/client";
import { CORE_PLUGINS } from "../plugins/core-plugins";
import { stateOwnerFromRoots } from "../store/ownership";
import { isTraceOn } from "../plugins/trace/trace-file";
import { coreProperties } from "../store/property-store";
import { TriggerBus } from "../triggers/bus";
import { registerWasmPlugins } from "../triggers/wasm-handlers";
import { processInput } from "./process-input";

export interface ContextOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly flags: GlobalFlags;
  readonly sink?: OutputSink;
  readonly input?: Input;
  readonly executablePath?: string;
  readonly now?: () => Date;
}

/**
 * Wires paths, store, output and the trigger bus with every core plugin registered, and every
 * enabled WASM plugin unless safe mode is on (core/safe-mode decides; `--safe-mode` from anyone
 * but root at its own shell is refused here, before anything runs).
 */
export function createContext(options: ContextOptions): Context {
  const isRoot = process.getuid?.() === 0;
  const safeMode = decideSafeMode({
    flag: options.flags.safeMode === true,
    env: options.env.DOKKU_SAFE_MODE,
    isRoot,
    overSsh: options.env.SSH_ORIGINAL_COMMAND !== undefined,
  });
  const paths = pathsFromEnv(options.env);
  const owner = stateOwnerFromRoots([paths.libRoot, paths.dokkuRoot]);
  const store = coreProperties(propertiesDir(paths), owner);
  const trace = options.flags.trace || options.env.DOKKU_TRACE === "1" || isTraceOn(paths, store);
  const out = createOutput(options.sink ?? processSink, { quiet: options.flags.quiet, trace });
  if (safeMode.warning) out.warn(safeMode.warning);
  if (safeMode.on) out.warn(SAFE_MODE_NOTICE);
  const sshUser = currentSystemUser();
  let context: Context | undefined;
  const bus = new TriggerBus(() => context as Context);
  context = {
    paths,
    store,
    out,
    bus,
    flags: { ...options.flags, trace },
    env: options.env,
    input: options.input ?? processInput(),
    user: options.env.NAME || sshUser,
    sshUser,
    isRoot,
    safeMode: safeMode.on,
    owner,
    executablePath: options.executablePath ?? process.execPath,
    version: VERSION,
    now: options.now ?? (() => new Date()),
    docker: dockerConnector(options.env),
  };
  for (const plugin of CORE_PLUGINS) plugin.register(bus, context);
  if (!safeMode.on) registerWasmPlugins(bus, context);
  return context;
}
