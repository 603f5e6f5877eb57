import createPlugin, { type CallContext, type Plugin } from "@extism/extism";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildPlugin, type BuiltPlugin } from "../../plugins-wasm/build";
import { buildAsPlugin } from "../../sdk/assemblyscript/scripts/build";
import { commandExport, triggerExport } from "../../src/wasm/exports";
import { REPO_ROOT, tempDir } from "../harness";

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export type HttpAnswer = { status: number; body: string } | { error: string };

export interface StubOptions {
  /** `<app|--global>/<key>` -> value, before the calls. */
  readonly store?: Record<string, string>;
  readonly config?: Record<string, string>;
  /** Answers dokku_http; default 200 "ok". */
  readonly http?: (request: HttpRequest) => HttpAnswer;
  /** What dokku_random returns (repeated to the length asked); default Bun's crypto. */
  readonly randomBytes?: Uint8Array;
}

export interface HostRecord {
  readonly store: Map<string, string>;
  /** `level: text` per dokku_output call. */
  readonly lines: string[];
  readonly http: HttpRequest[];
  /** Host functions called, by name, in order. */
  readonly calls: string[];
}

export interface LoadedModule extends AsyncDisposable {
  readonly plugin: Plugin;
  readonly host: HostRecord;
}

/**
 * A module loaded in-process with stub host functions that behave like the sandbox's: the store
 * is scoped to `app` (or `--global`), output lines and HTTP requests are recorded.
 */
export async function loadModule(
  wasm: Uint8Array,
  app: string | null,
  options: StubOptions = {},
): Promise<LoadedModule> {
  const host: HostRecord = { store: new Map(Object.entries(options.store ?? {})), lines: [], http: [], calls: [] };
  const scoped = (request: { key: string; global?: boolean }) => {
    if (!request.global && app === null) throw new Error("no app for this call");
    return `${request.global ? "--global" : app}/${request.key}`;
  };
  const read = <T>(cp: CallContext, offset: bigint, name: string): T => {
    host.calls.push(name);
    return cp.read(offset)?.json() as T;
  };
  const answer = (cp: CallContext, value: unknown) => cp.store(JSON.stringify(value));
  const functions = {
    dokku_output(cp: CallContext, offset: bigint) {
      const request = read<{ level: string; text: string }>(cp, offset, "dokku_output");
      host.lines.push(`${request.level}: ${request.text}`);
      return 0n;
    },
    dokku_random(cp: CallContext, offset: bigint) {
      const request = read<{ bytes: number }>(cp, offset, "dokku_random");
      const bytes = new Uint8Array(request.bytes);
      if (options.randomBytes === undefined) crypto.getRandomValues(bytes);
      else
        for (let i = 0; i < bytes.length; i++) bytes[i] = options.randomBytes[i % options.randomBytes.length] as number;
      return answer(cp, { hex: Buffer.from(bytes).toString("hex") });
    },
    dokku_store_get(cp: CallContext, offset: bigint) {
      const request = read<{ key: string; global?: boolean }>(cp, offset, "dokku_store_get");
      return answer(cp, { value: host.store.get(scoped(request)) ?? null });
    },
    dokku_store_set(cp: CallContext, offset: bigint) {
      const request = read<{ key: string; value: string | null; global?: boolean }>(cp, offset, "dokku_store_set");
      if (request.value === null) host.store.delete(scoped(request));
      else host.store.set(scoped(request), request.value);
      return answer(cp, { ok: true });
    },
    dokku_config_get(cp: CallContext, offset: bigint) {
      const request = read<{ key: string }>(cp, offset, "dokku_config_get");
      return answer(cp, { value: options.config?.[request.key] ?? null });
    },
    dokku_http(cp: CallContext, offset: bigint) {
      const request = read<HttpRequest>(cp, offset, "dokku_http");
      host.http.push(request);
      return answer(cp, options.http?.(request) ?? { status: 200, body: "ok" });
    },
  };
  const plugin = await createPlugin(
    { wasm: [{ data: wasm }] },
    { useWasi: false, functions: { "extism:host/user": functions } },
  );
  return { plugin, host, [Symbol.asyncDispose]: () => plugin.close() };
}

export type CallOutcome = { ok: true; output: string } | { ok: false; error: string };

async function outcome(run: () => Promise<{ text(): string } | null>): Promise<CallOutcome> {
  try {
    const output = await run();
    return { ok: true, output: output?.text() ?? "" };
  } catch (error) {
    return {
      ok: false,
      error: (error instanceof Error ? error.message : String(error)).replace(/^Plugin-originated error: /, ""),
    };
  }
}

/** A command export called the way the host calls it: `{command, app, args}` with the app first in args. */
export function runCommand(
  plugin: Plugin,
  command: string,
  app: string,
  args: readonly string[] = [],
): Promise<CallOutcome> {
  return outcome(() => plugin.call(commandExport(command), JSON.stringify({ command, app, args: [app, ...args] })));
}

/** A trigger export called with the envelope `{trigger, version, app, payload}`. */
export function runTrigger(
  plugin: Plugin,
  trigger: string,
  app: string | null,
  payload: unknown,
): Promise<CallOutcome> {
  return outcome(() => plugin.call(triggerExport(trigger), JSON.stringify({ trigger, version: 1, app, payload })));
}

/** Builds a shipped plugin through plugins-wasm/build.ts into its dist/, and reads its module. */
export async function buildShipped(name: string): Promise<BuiltPlugin & { module: Uint8Array; toml: string }> {
  const built = await buildPlugin(name);
  return { ...built, module: readFileSync(built.wasm), toml: readFileSync(join(built.dir, "plugin.toml"), "utf8") };
}

export const KIT_PROBE = join(REPO_ROOT, "test", "plugins-wasm", "kit-probe");

/** Builds the kit probe into a temp dir; the dir goes with the returned disposable. */
export async function buildProbe(): Promise<{ module: Uint8Array } & Disposable> {
  const dir = tempDir("dokku-kit-probe-");
  const built = await buildAsPlugin(KIT_PROBE, dir.path);
  return { module: readFileSync(built.wasm), [Symbol.dispose]: () => dir[Symbol.dispose]() };
}
