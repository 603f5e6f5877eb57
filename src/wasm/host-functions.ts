/**
 * The ABI's host functions (`extism:host/user`, sdk/README.md "Host functions"): each takes the
 * offset of a JSON string and returns the offset of a JSON answer (or 0). The checks are pure
 * (`answerHostCall`); what they touch (the store, the app's config, output, the network) comes in
 * as `HostEffects`, so the child wires the real ones and tests pass their own.
 */
import type { CallContext } from "@extism/extism";
import { terminalText } from "../core/terminal-text";
import { HOST_FUNCTIONS } from "./exports";
import { MAX_OUTPUT_TEXT, OUTPUT_LEVELS, type OutputLevel } from "./sandbox-protocol";
import type { Grants } from "./types";

export type HostFunctionName = keyof typeof HOST_FUNCTIONS;

/** The call a host function runs within. */
export interface HostCall {
  readonly plugin: string;
  readonly app: string | null;
  readonly grants: Grants;
  /** When the call's deadline passes (epoch ms): network requests must end before it. */
  readonly deadline: number;
}

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
}

export type HttpAnswer = { readonly status: number; readonly body: string } | { readonly error: string };

export interface HostEffects {
  output(level: OutputLevel, text: string): void;
  randomHex(bytes: number): string;
  /** A property of `plugin` in `scope` (an app, or null for global). */
  storeGet(plugin: string, scope: string | null, key: string): string | undefined;
  storeSet(plugin: string, scope: string | null, key: string, value: string | null): void;
  /** The app's environment over the global one (app null: the global one). */
  configGet(app: string | null, key: string): string | undefined;
  http(request: HttpRequest, timeoutMs: number): HttpAnswer;
  now(): number;
}

/** A host function the plugin was not granted, or a host it may not reach: the call fails (`denied`). */
export class HostCallDenied extends Error {
  override readonly name = "HostCallDenied";
}

/** A host function called with bad input: the call fails (`failed`). */
export class HostCallMisuse extends Error {
  override readonly name = "HostCallMisuse";
}

const STORE_KEY = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_VALUE_BYTES = 64 * 1024;
const MAX_HTTP_BODY = 1024 * 1024;
const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);
/** A request needs at least this much of the call's time left to be tried. */
const MIN_HTTP_MS = 50;

const PERMISSION_GRANTED: Record<
  NonNullable<(typeof HOST_FUNCTIONS)[HostFunctionName]>,
  (grants: Grants) => boolean
> = {
  store: (grants) => grants.store,
  config: (grants) => grants.config,
  net: (grants) => grants.net.length > 0,
};

/** Runs one host function: the JSON answer text, or null for "no answer" (offset 0). */
export function answerHostCall(
  name: HostFunctionName,
  inputText: string,
  call: HostCall,
  effects: HostEffects,
): string | null {
  const permission = HOST_FUNCTIONS[name];
  if (permission !== null && !PERMISSION_GRANTED[permission](call.grants)) {
    throw new HostCallDenied(`${name} needs the ${permission} permission, which plugin ${call.plugin} was not granted`);
  }
  const input = parseInput(name, inputText);
  switch (name) {
    case "dokku_output": {
      const level = input.level;
      if (typeof level !== "string" || !OUTPUT_LEVELS.includes(level as OutputLevel))
        misuse(name, `level must be one of ${OUTPUT_LEVELS.join(", ")}`);
      effects.output(level as OutputLevel, terminalText(stringField(name, input, "text").slice(0, MAX_OUTPUT_TEXT)));
      return null;
    }
    case "dokku_random": {
      const bytes = input.bytes;
      if (typeof bytes !== "number" || !Number.isInteger(bytes) || bytes < 1 || bytes > 1024)
        misuse(name, "bytes must be an integer from 1 to 1024");
      return JSON.stringify({ hex: effects.randomHex(bytes) });
    }
    case "dokku_store_get": {
      const value = effects.storeGet(call.plugin, storeScope(name, input, call), storeKey(name, input));
      return JSON.stringify({ value: value ?? null });
    }
    case "dokku_store_set": {
      const scope = storeScope(name, input, call);
      const key = storeKey(name, input);
      const value = input.value;
      if (value !== null && typeof value !== "string") misuse(name, "value must be a string or null");
      if (typeof value === "string" && Buffer.byteLength(value) > MAX_VALUE_BYTES)
        misuse(name, "value is larger than 64 KiB");
      effects.storeSet(call.plugin, scope, key, value);
      return JSON.stringify({ ok: true });
    }
    case "dokku_config_get": {
      const key = stringField(name, input, "key");
      if (!ENV_KEY.test(key)) misuse(name, `invalid key ${JSON.stringify(key)}`);
      return JSON.stringify({ value: effects.configGet(call.app, key) ?? null });
    }
    case "dokku_http":
      return JSON.stringify(httpCall(input, call, effects));
  }
}

function httpCall(input: Record<string, unknown>, call: HostCall, effects: HostEffects): HttpAnswer {
  const name = "dokku_http";
  const request = parseHttpRequest(input);
  const url = new URL(request.url);
  if (!netAllowed(call.grants.net, url)) {
    throw new HostCallDenied(
      `${name} to ${hostWithPort(url)} is not allowed (plugin ${call.plugin} may reach: ${call.grants.net.join(", ")})`,
    );
  }
  const left = call.deadline - effects.now();
  if (left < MIN_HTTP_MS) return { error: "no time left before the call's deadline" };
  return effects.http(request, left);
}

/** The request a plugin asked for, checked. Pure. */
export function parseHttpRequest(input: Record<string, unknown>): HttpRequest {
  const name = "dokku_http";
  const method = input.method === undefined ? "GET" : input.method;
  if (typeof method !== "string" || !HTTP_METHODS.has(method.toUpperCase()))
    misuse(name, `method must be one of ${[...HTTP_METHODS].join(", ")}`);
  const urlText = stringField(name, input, "url");
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    return misuse(name, `invalid url ${JSON.stringify(urlText)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") misuse(name, "only http and https URLs can be requested");
  if (url.username !== "" || url.password !== "") misuse(name, "credentials in the URL are not allowed; send a header");
  const headers: Record<string, string> = {};
  const given = input.headers ?? {};
  if (typeof given !== "object" || given === null || Array.isArray(given))
    misuse(name, "headers must be an object of strings");
  for (const [key, value] of Object.entries(given)) {
    if (typeof value !== "string" || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(key) || /[\r\n\0]/.test(value))
      misuse(name, `invalid header ${JSON.stringify(key)}`);
    headers[key] = value;
  }
  const body = input.body ?? null;
  if (body !== null && typeof body !== "string") misuse(name, "body must be a string");
  if (typeof body === "string" && Buffer.byteLength(body) > MAX_HTTP_BODY) misuse(name, "body is larger than 1 MiB");
  return { method: method.toUpperCase(), url: url.href, headers, body };
}

/**
 * Whether the operator's `--allow-net` list lets a plugin reach this URL: `*`, the host (any
 * port), or `host:port` (that port; the scheme's default when the URL has none). Pure.
 */
export function netAllowed(net: readonly string[], url: URL): boolean {
  const host = url.hostname.toLowerCase();
  const withPort = hostWithPort(url);
  return net.some((entry) => {
    const allowed = entry.toLowerCase();
    return allowed === "*" || allowed === host || allowed === withPort;
  });
}

function hostWithPort(url: URL): string {
  const port = url.port !== "" ? url.port : url.protocol === "https:" ? "443" : "80";
  return `${url.hostname.toLowerCase()}:${port}`;
}

function parseInput(name: HostFunctionName, text: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return misuse(name, "its input is not JSON");
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) misuse(name, "its input must be a JSON object");
  return data as Record<string, unknown>;
}

function stringField(name: HostFunctionName, input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== "string") misuse(name, `${field} must be a string`);
  return value;
}

function storeKey(name: HostFunctionName, input: Record<string, unknown>): string {
  const key = stringField(name, input, "key");
  if (!STORE_KEY.test(key)) misuse(name, `invalid key ${JSON.stringify(key)} (expected [a-z0-9][a-z0-9_.-]{0,63})`);
  return key;
}

/** The app of the call, or null for global; a call without an app can only use global properties. */
function storeScope(name: HostFunctionName, input: Record<string, unknown>, call: HostCall): string | null {
  const global = input.global ?? false;
  if (typeof global !== "boolean") misuse(name, "global must be true or false");
  if (global) return null;
  if (call.app === null) misuse(name, 'this call has no app: use "global": true');
  return call.app;
}

function misuse(name: HostFunctionName, why: string): never {
  throw new HostCallMisuse(`${name}: ${why}`);
}

/** The functions handed to Extism under `extism:host/user`, answering for whatever call is current. */
export function extismHostFunctions(
  current: () => HostCall,
  effects: HostEffects,
): Record<HostFunctionName, (context: CallContext, offset: bigint) => bigint> {
  const entries = (Object.keys(HOST_FUNCTIONS) as HostFunctionName[]).map((name) => {
    const fn = (context: CallContext, offset: bigint): bigint => {
      const text = context.read(offset)?.text() ?? "";
      const answer = answerHostCall(name, text, current(), effects);
      return answer === null ? 0n : context.store(answer);
    };
    return [name, fn] as const;
  });
  return Object.fromEntries(entries) as Record<HostFunctionName, (context: CallContext, offset: bigint) => bigint>;
}
