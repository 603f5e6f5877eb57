/**
 * The sandbox child: `dokku __wasm-sandbox start <memory-mb>` limits its address space, asks to
 * die with its parent and re-executes itself as `... serve <memory-mb>`, which answers call
 * requests (sandbox-protocol.ts) one at a time until its stdin closes. `... http` is the
 * grandchild that makes one `dokku_http` request (sandbox-http.ts).
 */
import createPlugin, { type Plugin } from "@extism/extism";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { processSink } from "../core/output";
import { propertiesDir } from "../core/paths";
import { migratePluginProperties } from "../store/plugin-properties";
import { coreProperties, GLOBAL, pluginProperties, type PropertyStore } from "../store/property-store";
import { extismHostFunctions, HostCallDenied, HostCallMisuse, type HostCall, type HostEffects } from "./host-functions";
import type { PluginCallFailure } from "./plugin-call-error";
import { addressSpaceLimit, dieWithParent, execUnderAddressSpaceLimit } from "./rlimit";
import { httpRequestSync, serveHttpRequest } from "./sandbox-http";
import {
  encodeLine,
  LineSplitter,
  MAX_OUTPUT_BYTES,
  parseCallRequest,
  SANDBOX_COMMAND,
  selfCommand,
  type CallRequest,
  type ChildMessage,
} from "./sandbox-protocol";

const MIB = 1024 * 1024;
/** What the runtime needs besides the plugins' memory (measured: Bun 1.4 with a 16 MiB JIT pool starts in ~400 MiB of address space). */
export const BASE_ADDRESS_SPACE_MB = 512;

/** The address-space limit of a child whose plugins may use `memoryMb` each. */
export function addressSpaceLimitMb(memoryMb: number): number {
  return BASE_ADDRESS_SPACE_MB + 2 * memoryMb;
}

/**
 * How the child reads a variable of an app's config (global when `app` is null) from the core's
 * properties: the config plugin's reading, handed in by main, as the host knows no core plugin.
 */
export type ReadConfig = (core: PropertyStore, app: string | null, key: string) => string | undefined;

export async function runSandboxChild(args: readonly string[], readConfig: ReadConfig): Promise<void> {
  const [mode, budget] = args;
  if (mode === "http") {
    dieWithParent();
    await serveHttpRequest();
    process.exit(0);
  }
  const memoryMb = Number(budget);
  if ((mode !== "start" && mode !== "serve") || !Number.isInteger(memoryMb) || memoryMb < 1) {
    processSink.stderr(`usage: ${SANDBOX_COMMAND} start|serve <memory-mb> | http\n`);
    process.exit(2);
  }
  if (mode === "start") {
    dieWithParent();
    execUnderAddressSpaceLimit(
      addressSpaceLimitMb(memoryMb) * MIB,
      [...selfCommand(), SANDBOX_COMMAND, "serve", String(memoryMb)],
      process.env as Record<string, string>,
    );
  }
  if (addressSpaceLimit() === undefined) {
    processSink.stderr(`${SANDBOX_COMMAND} serve must run under an address-space limit (use start)\n`);
    process.exit(2);
  }
  await serve(readConfig);
  process.exit(0);
}

export interface Loaded {
  readonly sha256: string;
  readonly modulePath: string;
  readonly plugin: Plugin;
}

interface Current {
  readonly request: CallRequest;
  readonly host: HostCall;
  /** The core's properties: read for dokku_config_get, never written. */
  readonly core: PropertyStore;
  /** The plugins' own (config/plugins/): the only ones dokku_store_get/set reach. */
  readonly plugins: PropertyStore<string>;
}

async function serve(readConfig: ReadConfig): Promise<void> {
  const loaded = new Map<string, Loaded>();
  const modules = new ModuleCache();
  let current: Current | undefined;
  const active = (): Current => {
    if (!current) throw new Error("host function called outside a call");
    return current;
  };
  const effects = childEffects(active, readConfig);
  const functions = { "extism:host/user": extismHostFunctions(() => active().host, effects) };
  send({ type: "ready" });
  const splitter = new LineSplitter();
  const decoder = new TextDecoder();
  for await (const chunk of Bun.stdin.stream()) {
    for (const line of splitter.push(decoder.decode(chunk, { stream: true }))) {
      const request = parseCallRequest(line);
      const host: HostCall = {
        plugin: request.plugin,
        app: request.app,
        grants: request.grants,
        deadline: Date.now() + request.limits.timeoutMs,
      };
      current = { request, host, ...stores(request) };
      const reply = await runCall(request, loaded, modules, functions);
      current = undefined;
      send(reply);
      if (reply.type === "error" && reply.reason === "memory") process.exit(0);
    }
  }
}

function stores(request: CallRequest): Pick<Current, "core" | "plugins"> {
  const root = propertiesDir({ libRoot: request.libRoot, dokkuRoot: request.dokkuRoot, logsDir: "" });
  const owner = request.owner ?? undefined;
  return { core: coreProperties(root, owner), plugins: pluginProperties(root, owner) };
}

function childEffects(active: () => Current, readConfig: ReadConfig): HostEffects {
  const migrated = new Set<string>();
  /** The plugins' store, once the plugin's properties from before it existed were moved into it. */
  const pluginStore = (plugin: string): PropertyStore<string> => {
    const { core, plugins, request } = active();
    if (!migrated.has(plugin)) {
      migratePluginProperties(core.root, plugin, request.owner ?? undefined);
      migrated.add(plugin);
    }
    return plugins;
  };
  return {
    output: (level, text) => send({ type: "output", id: active().request.id, level, text }),
    randomHex: (bytes) => Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString("hex"),
    storeGet: (plugin, scope, key) => pluginStore(plugin).get(plugin, scope ?? GLOBAL, key),
    storeSet: (plugin, scope, key, value) => {
      const store = pluginStore(plugin);
      if (value === null) store.delete(plugin, scope ?? GLOBAL, key);
      else store.set(plugin, scope ?? GLOBAL, key, value);
    },
    configGet: (app, key) => readConfig(active().core, app, key),
    http: httpRequestSync,
    now: Date.now,
  };
}

export type Functions = NonNullable<Parameters<typeof createPlugin>[1]>["functions"];

async function runCall(
  request: CallRequest,
  loaded: Map<string, Loaded>,
  modules: ModuleCache,
  functions: Functions,
): Promise<ChildMessage> {
  const { id } = request;
  let entry: Loaded;
  try {
    entry = await loadPlugin(request, loaded, modules, functions);
  } catch (error) {
    return { type: "error", id, ...classifyFailure(error, request.limits.memoryMb) };
  }
  try {
    const output = await entry.plugin.call(request.export, request.input);
    const over = await memoryOver(entry.plugin, request.limits.memoryMb);
    if (over !== undefined) {
      loaded.delete(request.plugin);
      return { type: "error", id, reason: "memory", message: over };
    }
    await entry.plugin.reset();
    const bytes = output?.bytes();
    if (!bytes || bytes.byteLength === 0) return { type: "result", id, output: null };
    if (bytes.byteLength > MAX_OUTPUT_BYTES)
      return {
        type: "error",
        id,
        reason: "bad-output",
        message: `output is larger than 1 MiB (${bytes.byteLength} bytes)`,
      };
    return { type: "result", id, output: new TextDecoder().decode(bytes) };
  } catch (error) {
    const over = await memoryOver(entry.plugin, request.limits.memoryMb).catch(() => undefined);
    loaded.delete(request.plugin);
    if (over !== undefined && !(error instanceof HostCallDenied) && !(error instanceof HostCallMisuse))
      return { type: "error", id, reason: "memory", message: over };
    return { type: "error", id, ...classifyFailure(error, request.limits.memoryMb) };
  }
}

/** The plugin's instance: kept per plugin name while its module's path and sha256 stay the same. */
export async function loadPlugin(
  request: CallRequest,
  loaded: Map<string, Loaded>,
  modules: ModuleCache,
  functions: Functions,
): Promise<Loaded> {
  const cached = loaded.get(request.plugin);
  if (cached && cached.sha256 === request.sha256 && cached.modulePath === request.modulePath) return cached;
  const bytes = readFileSync(request.modulePath);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (sha256 !== request.sha256)
    throw new HostCallDenied(
      `module ${request.modulePath} does not match its sha256 (the file changed since it was installed)`,
    );
  const module = await modules.compiled(sha256, bytes);
  const plugin = await createPlugin(
    { wasm: [{ module }] },
    { useWasi: false, functions, logger: SILENT as unknown as Console },
  );
  const entry = { sha256, modulePath: request.modulePath, plugin };
  loaded.set(request.plugin, entry);
  return entry;
}

/**
 * Compiled modules by sha256, for the child's life: one module installed under several names is
 * compiled once. Each plugin still gets its own instance (its own memory and globals), and the
 * caller verifies the file's sha256 before asking.
 */
export class ModuleCache {
  private readonly modules = new Map<string, WebAssembly.Module>();
  private compileCount = 0;

  constructor(
    private readonly compile: (bytes: Uint8Array) => Promise<WebAssembly.Module> = (bytes) =>
      WebAssembly.compile(bytes),
  ) {}

  /** How many modules were compiled (a failed compile counts, and is not cached). */
  get compiles(): number {
    return this.compileCount;
  }

  async compiled(sha256: string, bytes: Uint8Array): Promise<WebAssembly.Module> {
    const cached = this.modules.get(sha256);
    if (cached) return cached;
    this.compileCount++;
    const module = await this.compile(bytes);
    this.modules.set(sha256, module);
    return module;
  }
}

/** Extism's `log_*` kernel functions go nowhere: plugins print through dokku_output. */
const SILENT = { info() {}, debug() {}, warn() {}, error() {}, trace() {}, log() {} };

async function memoryOver(plugin: Plugin, memoryMb: number): Promise<string | undefined> {
  const memory = (await plugin.getInstance()).exports.memory;
  if (!(memory instanceof WebAssembly.Memory)) return undefined;
  const used = memory.buffer.byteLength;
  if (used <= memoryMb * MIB) return undefined;
  return `used ${Math.ceil(used / MIB)} MiB of memory, over its limit of ${memoryMb} MiB`;
}

/** Why a call failed, from what it threw. */
export function classifyFailure(error: unknown, memoryMb: number): { reason: PluginCallFailure; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof HostCallDenied) return { reason: "denied", message };
  if (error instanceof HostCallMisuse) return { reason: "misuse", message };
  if (message.startsWith("Plugin-originated error: "))
    return { reason: "failed", message: message.slice("Plugin-originated error: ".length) };
  if (/out of memory/i.test(message)) return { reason: "memory", message: `ran out of memory (limit ${memoryMb} MiB)` };
  const missing = /^Plugin error: (?:function|target) "(.*)" does not exist$/.exec(message);
  if (missing) return { reason: "crashed", message: `the module has no export ${missing[1]}` };
  const cleaned = message.replace(/ \(evaluating '.*'\)$/, "");
  if (error instanceof WebAssembly.RuntimeError)
    return { reason: "crashed", message: `wasm trap: ${lowerFirst(cleaned)}` };
  if (error instanceof RangeError && /call stack/i.test(message))
    return { reason: "crashed", message: "wasm trap: call stack exhausted" };
  if (error instanceof WebAssembly.CompileError || error instanceof WebAssembly.LinkError)
    return { reason: "crashed", message: `cannot load the module: ${cleaned}` };
  return { reason: "crashed", message: cleaned };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function send(message: ChildMessage): void {
  processSink.stdout(encodeLine(message));
}
