import createPlugin, { type CallContext, type Plugin } from "@extism/extism";
import { join } from "node:path";
import { buildCPlugin, type CBuildResult } from "../../plugins-wasm/build-c";
import { REPO_ROOT, tempDir } from "../harness";

export const LABELS_SOURCE = join(REPO_ROOT, "plugins-wasm", "labels");

/** Builds plugins-wasm/labels into a temp dir; the dir goes with the returned disposable. */
export async function buildLabels(): Promise<CBuildResult & Disposable> {
  const dir = tempDir("dokku-labels-build-");
  const built = await buildCPlugin(LABELS_SOURCE, dir.path);
  return { ...built, [Symbol.dispose]: () => dir[Symbol.dispose]() };
}

export interface HostStub {
  /** `<app|--global>/<key>` -> value: what dokku_store_set wrote. */
  readonly store: Map<string, string>;
  /** `level: text` for each dokku_output call. */
  readonly lines: string[];
  /** Host functions called, by name, in order. */
  readonly calls: string[];
}

/**
 * The module loaded in-process with stub host functions: the store is a Map scoped to `app`
 * (as the sandbox scopes it to the call's app), output lines are recorded.
 */
export async function loadLabels(
  wasm: Uint8Array,
  app: string,
  initial: Record<string, string> = {},
): Promise<{ plugin: Plugin; host: HostStub } & AsyncDisposable> {
  const host: HostStub = { store: new Map(Object.entries(initial)), lines: [], calls: [] };
  const scoped = (request: { key: string; global?: boolean }) => `${request.global ? "--global" : app}/${request.key}`;
  const answer = (cp: CallContext, value: unknown) => cp.store(JSON.stringify(value));
  const functions = {
    dokku_output(cp: CallContext, offset: bigint) {
      host.calls.push("dokku_output");
      const request = cp.read(offset)?.json() as { level: string; text: string };
      host.lines.push(`${request.level}: ${request.text}`);
      return 0n;
    },
    dokku_store_get(cp: CallContext, offset: bigint) {
      host.calls.push("dokku_store_get");
      const request = cp.read(offset)?.json() as { key: string; global?: boolean };
      return answer(cp, { value: host.store.get(scoped(request)) ?? null });
    },
    dokku_store_set(cp: CallContext, offset: bigint) {
      host.calls.push("dokku_store_set");
      const request = cp.read(offset)?.json() as { key: string; value: string | null; global?: boolean };
      if (request.value === null) host.store.delete(scoped(request));
      else host.store.set(scoped(request), request.value);
      return answer(cp, { ok: true });
    },
  };
  const plugin = await createPlugin(
    { wasm: [{ data: wasm }] },
    { useWasi: false, functions: { "extism:host/user": functions } },
  );
  return { plugin, host, [Symbol.asyncDispose]: () => plugin.close() };
}

/** The plugin's own error_set text, without the SDK's prefix. */
export function pluginError(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^Plugin-originated error: /, "");
}

/** Runs a command export the way the host does: `{command, app, args}` in, error text out. */
export async function runCommand(
  plugin: Plugin,
  command: string,
  app: string,
  args: readonly string[],
): Promise<{ ok: true; output: string } | { ok: false; error: string }> {
  const name = `cmd_${command.replaceAll(":", "_").replaceAll("-", "_")}`;
  try {
    const output = await plugin.call(name, JSON.stringify({ command, app, args: [app, ...args] }));
    return { ok: true, output: output?.text() ?? "" };
  } catch (error) {
    return { ok: false, error: pluginError(error) };
  }
}

/** The limits of a module's first defined memory, in 64 KiB pages, read from its memory section. */
export function memoryLimits(bytes: Uint8Array): { initial: number; maximum: number | undefined } | undefined {
  let at = 8;
  const uleb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++] as number;
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  };
  while (at < bytes.length) {
    const id = bytes[at++] as number;
    const size = uleb();
    const end = at + size;
    if (id === 5 && uleb() > 0) {
      const flags = uleb();
      const initial = uleb();
      return { initial, maximum: flags & 1 ? uleb() : undefined };
    }
    at = end;
  }
  return undefined;
}
