/**
 * Typed wrappers around dokku's host functions (`extism:host/user`, see sdk/README.md "Host
 * functions"). Each takes and returns a JSON string in Extism memory. Only the functions a plugin
 * calls end up imported by its module, so a plugin that never calls `http.post` needs no `net`.
 * A call without its permission fails the plugin's call (the host stops it).
 */
import { JsonValue, JsonWriter, parseJson } from "./json";
import { dokku_config_get, dokku_http, dokku_output, dokku_random, dokku_store_get, dokku_store_set } from "./host-imports";
import { loadString, storeString } from "./memory";

/** The host's JSON answer, parsed; aborts when it is not JSON (a host bug). */
function answer(offset: u64): JsonValue {
  const text = loadString(offset);
  if (text === null) return JsonValue.null();
  const value = parseJson(text);
  if (value === null) abort("host function returned invalid JSON");
  return value!;
}

/** Lines printed the way dokku prints its own: `-----> `, `=====> `, 7 spaces, raw, ` !     `. */
export namespace output {
  function emit(level: string, text: string): void {
    const w = new JsonWriter().beginObject().key("level").string(level).key("text").string(text).endObject();
    const mem = storeString(w.toString());
    dokku_output(mem.offset);
    mem.free();
  }
  export function step(text: string): void {
    emit("step", text);
  }
  export function heading(text: string): void {
    emit("heading", text);
  }
  export function detail(text: string): void {
    emit("detail", text);
  }
  export function print(text: string): void {
    emit("print", text);
  }
  export function warn(text: string): void {
    emit("warn", text);
  }
}

/** The plugin's own properties (permission `store`): for the call's app, or global. */
export namespace store {
  function getIn(key: string, global: bool): string | null {
    const w = new JsonWriter().beginObject().key("key").string(key).key("global").bool(global).endObject();
    const mem = storeString(w.toString());
    const result = answer(dokku_store_get(mem.offset));
    mem.free();
    return result.getString("value");
  }
  function setIn(key: string, value: string | null, global: bool): void {
    const w = new JsonWriter().beginObject().key("key").string(key).key("value").stringOrNull(value);
    w.key("global").bool(global).endObject();
    const mem = storeString(w.toString());
    answer(dokku_store_set(mem.offset));
    mem.free();
  }
  /** The app's property `key`, or null when unset. */
  export function get(key: string): string | null {
    return getIn(key, false);
  }
  /** Sets the app's property `key`; null deletes it. */
  export function set(key: string, value: string | null): void {
    setIn(key, value, false);
  }
  export function unset(key: string): void {
    setIn(key, null, false);
  }
  export function getGlobal(key: string): string | null {
    return getIn(key, true);
  }
  export function setGlobal(key: string, value: string | null): void {
    setIn(key, value, true);
  }
}

/** The app's config (environment), app over global (permission `config`). */
export namespace config {
  export function get(key: string): string | null {
    const w = new JsonWriter().beginObject().key("key").string(key).endObject();
    const mem = storeString(w.toString());
    const result = answer(dokku_config_get(mem.offset));
    mem.free();
    return result.getString("value");
  }
}

/** Random bytes from the host, as lowercase hex. */
export namespace random {
  /** `bytes` random bytes (1..1024) as 2*bytes hex digits. */
  export function hex(bytes: i32): string {
    const w = new JsonWriter().beginObject().key("bytes").int(bytes).endObject();
    const mem = storeString(w.toString());
    const result = answer(dokku_random(mem.offset));
    mem.free();
    const value = result.getString("hex");
    if (value === null) abort("dokku_random returned no hex");
    return value!;
  }
}

/** What `http.request` got back: a status and body, or an error (unreachable, refused ...). */
export class HttpResponse {
  status: i32 = 0;
  body: string = "";
  error: string | null = null;
  /** A 2xx answer. */
  ok(): bool {
    return this.error === null && this.status >= 200 && this.status < 300;
  }
}

/** HTTP headers, in order. */
export class Headers {
  names: string[] = [];
  values: string[] = [];
  set(name: string, value: string): Headers {
    this.names.push(name);
    this.values.push(value);
    return this;
  }
}

/** Outbound HTTP to the hosts the operator granted (permission `net`). */
export namespace http {
  export function request(method: string, url: string, headers: Headers, body: string): HttpResponse {
    const w = new JsonWriter().beginObject().key("method").string(method).key("url").string(url);
    w.key("headers").beginObject();
    for (let i = 0; i < headers.names.length; i++) w.key(headers.names[i]).string(headers.values[i]);
    w.endObject().key("body").string(body).endObject();
    const mem = storeString(w.toString());
    const result = answer(dokku_http(mem.offset));
    mem.free();
    const response = new HttpResponse();
    const error = result.getString("error");
    if (error !== null) {
      response.error = error;
      return response;
    }
    response.status = <i32>result.getI64("status");
    const text = result.getString("body");
    response.body = text === null ? "" : text!;
    return response;
  }
  export function post(url: string, headers: Headers, body: string): HttpResponse {
    return request("POST", url, headers, body);
  }
}
