import { describe, expect, test } from "bun:test";
import {
  answerHostCall,
  HostCallDenied,
  HostCallMisuse,
  netAllowed,
  parseHttpRequest,
  type HostCall,
  type HostEffects,
  type HttpRequest,
} from "../../src/wasm/host-functions";
import type { OutputLevel } from "../../src/wasm/sandbox-protocol";
import { ALL_GRANTS, NO_GRANTS } from "./sandbox-fixture";

/** Effects that record what they were asked, over an in-memory store and config. */
function fakeEffects(now = 1_000) {
  const store = new Map<string, string>();
  const calls: string[] = [];
  const lines: [OutputLevel, string][] = [];
  const requests: [HttpRequest, number][] = [];
  const effects: HostEffects = {
    output: (level, text) => void lines.push([level, text]),
    randomHex: (bytes) => "ab".repeat(bytes),
    storeGet: (plugin, scope, key) => store.get(`${plugin}/${scope ?? "--global"}/${key}`),
    storeSet: (plugin, scope, key, value) => {
      calls.push(`set ${plugin}/${scope ?? "--global"}/${key}=${value}`);
      if (value === null) store.delete(`${plugin}/${scope ?? "--global"}/${key}`);
      else store.set(`${plugin}/${scope ?? "--global"}/${key}`, value);
    },
    configGet: (app, key) => (app === "web" && key === "PORT" ? "5000" : undefined),
    http: (request, timeoutMs) => {
      requests.push([request, timeoutMs]);
      return { status: 204, body: "" };
    },
    now: () => now,
  };
  return { effects, store, calls, lines, requests };
}

const CALL: HostCall = { plugin: "notify", app: "web", grants: ALL_GRANTS, deadline: 6_000 };

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the host function to throw");
}

describe("answerHostCall", () => {
  test("dokku_output passes the line on and answers nothing", () => {
    const fake = fakeEffects();
    expect(answerHostCall("dokku_output", '{"level":"heading","text":"Deploying"}', CALL, fake.effects)).toBeNull();
    expect(fake.lines).toEqual([["heading", "Deploying"]]);
  });

  test("issue 12: dokku_output passes the line on without escape sequences, controls or \\r, keeping \\n and \\t", () => {
    const fake = fakeEffects();
    const text = "a\x1b]52;c;cHduZWQ=\x07b\x1b[2Jc\x9b1;1Hd\x1b]0;title\x07e\rf\u202eg\th\ni";
    expect(answerHostCall("dokku_output", JSON.stringify({ level: "print", text }), CALL, fake.effects)).toBeNull();
    expect(fake.lines).toEqual([["print", "abcdefg\th\ni"]]);
  });

  test("dokku_output refuses an unknown level", () => {
    const error = errorOf(() =>
      answerHostCall("dokku_output", '{"level":"shout","text":"x"}', CALL, fakeEffects().effects),
    );
    expect(error).toBeInstanceOf(HostCallMisuse);
    expect(error.message).toBe("dokku_output: level must be one of step, heading, detail, print, warn");
  });

  test("dokku_random answers hex of the asked size, 1 to 1024 bytes", () => {
    expect(answerHostCall("dokku_random", '{"bytes":3}', CALL, fakeEffects().effects)).toBe('{"hex":"ababab"}');
    for (const input of ['{"bytes":0}', '{"bytes":1025}', '{"bytes":"8"}', "{}"]) {
      expect(errorOf(() => answerHostCall("dokku_random", input, CALL, fakeEffects().effects)).message).toBe(
        "dokku_random: bytes must be an integer from 1 to 1024",
      );
    }
  });

  test("store functions read and write the plugin's own properties of the call's app, or global ones", () => {
    const fake = fakeEffects();
    expect(answerHostCall("dokku_store_set", '{"key":"url","value":"http://x"}', CALL, fake.effects)).toBe(
      '{"ok":true}',
    );
    expect(
      answerHostCall(
        "dokku_store_set",
        '{"key":"url","value":"http://g","global":true}',
        { ...CALL, app: null },
        fake.effects,
      ),
    ).toBe('{"ok":true}');
    expect(answerHostCall("dokku_store_get", '{"key":"url"}', CALL, fake.effects)).toBe('{"value":"http://x"}');
    expect(answerHostCall("dokku_store_get", '{"key":"url","global":true}', CALL, fake.effects)).toBe(
      '{"value":"http://g"}',
    );
    expect(answerHostCall("dokku_store_set", '{"key":"url","value":null}', CALL, fake.effects)).toBe('{"ok":true}');
    expect(answerHostCall("dokku_store_get", '{"key":"url"}', CALL, fake.effects)).toBe('{"value":null}');
    expect(fake.calls).toEqual([
      "set notify/web/url=http://x",
      "set notify/--global/url=http://g",
      "set notify/web/url=null",
    ]);
  });

  test("store functions refuse bad keys, values and scopes without touching the store", () => {
    const fake = fakeEffects();
    const misuse = (name: "dokku_store_get" | "dokku_store_set", input: string, call: HostCall = CALL) =>
      errorOf(() => answerHostCall(name, input, call, fake.effects)).message;
    expect(misuse("dokku_store_set", '{"key":"ENV","value":"x"}')).toBe(
      'dokku_store_set: invalid key "ENV" (expected [a-z0-9][a-z0-9_.-]{0,63})',
    );
    expect(misuse("dokku_store_get", '{"key":"../other/x"}')).toBe(
      'dokku_store_get: invalid key "../other/x" (expected [a-z0-9][a-z0-9_.-]{0,63})',
    );
    expect(misuse("dokku_store_set", '{"key":"k","value":3}')).toBe("dokku_store_set: value must be a string or null");
    expect(misuse("dokku_store_set", JSON.stringify({ key: "k", value: "é".repeat(32 * 1024 + 1) }))).toBe(
      "dokku_store_set: value is larger than 64 KiB",
    );
    expect(misuse("dokku_store_get", '{"key":"k"}', { ...CALL, app: null })).toBe(
      'dokku_store_get: this call has no app: use "global": true',
    );
    expect(misuse("dokku_store_get", '{"key":"k","global":"yes"}')).toBe(
      "dokku_store_get: global must be true or false",
    );
    expect(misuse("dokku_store_get", "not json")).toBe("dokku_store_get: its input is not JSON");
    expect(misuse("dokku_store_get", "[1]")).toBe("dokku_store_get: its input must be a JSON object");
    expect(fake.calls).toEqual([]);
  });

  test("dokku_config_get reads the call's app's environment", () => {
    const fake = fakeEffects();
    expect(answerHostCall("dokku_config_get", '{"key":"PORT"}', CALL, fake.effects)).toBe('{"value":"5000"}');
    expect(answerHostCall("dokku_config_get", '{"key":"MISSING"}', CALL, fake.effects)).toBe('{"value":null}');
    expect(errorOf(() => answerHostCall("dokku_config_get", '{"key":"A-B"}', CALL, fake.effects)).message).toBe(
      'dokku_config_get: invalid key "A-B"',
    );
  });

  test("every gated function is denied without its permission, naming the function and the permission", () => {
    const fake = fakeEffects();
    const bare = { ...CALL, grants: NO_GRANTS };
    const cases = [
      ["dokku_store_get", '{"key":"k"}', "store"],
      ["dokku_store_set", '{"key":"k","value":"v"}', "store"],
      ["dokku_config_get", '{"key":"K"}', "config"],
      ["dokku_http", '{"url":"http://127.0.0.1/"}', "net"],
    ] as const;
    for (const [name, input, permission] of cases) {
      const error = errorOf(() => answerHostCall(name, input, bare, fake.effects));
      expect(error).toBeInstanceOf(HostCallDenied);
      expect(error.message).toBe(`${name} needs the ${permission} permission, which plugin notify was not granted`);
    }
    expect(fake.calls).toEqual([]);
    expect(fake.requests).toEqual([]);
  });

  test("dokku_http requests a granted host within the time left, and refuses any other host before reaching it", () => {
    const fake = fakeEffects(1_000);
    const call = { ...CALL, grants: { ...NO_GRANTS, net: ["hooks.example.com", "127.0.0.1:8080"] } };
    const answer = answerHostCall(
      "dokku_http",
      '{"method":"post","url":"https://hooks.example.com/x","headers":{"Content-Type":"application/json"},"body":"{}"}',
      call,
      fake.effects,
    );
    expect(answer).toBe('{"status":204,"body":""}');
    expect(fake.requests).toEqual([
      [
        {
          method: "POST",
          url: "https://hooks.example.com/x",
          headers: { "Content-Type": "application/json" },
          body: "{}",
        },
        5_000,
      ],
    ]);
    const denied = errorOf(() => answerHostCall("dokku_http", '{"url":"http://127.0.0.1:9090/"}', call, fake.effects));
    expect(denied).toBeInstanceOf(HostCallDenied);
    expect(denied.message).toBe(
      "dokku_http to 127.0.0.1:9090 is not allowed (plugin notify may reach: hooks.example.com, 127.0.0.1:8080)",
    );
    expect(fake.requests).toHaveLength(1);
  });

  test("dokku_http answers an error instead of starting a request when the deadline is near", () => {
    const fake = fakeEffects(5_990);
    expect(answerHostCall("dokku_http", '{"url":"http://127.0.0.1/"}', CALL, fake.effects)).toBe(
      '{"error":"no time left before the call\'s deadline"}',
    );
    expect(fake.requests).toEqual([]);
  });
});

describe("parseHttpRequest", () => {
  test("fills in GET and no body, and refuses what the ABI does not allow", () => {
    expect(parseHttpRequest({ url: "http://a.test/p?q=1" })).toEqual({
      method: "GET",
      url: "http://a.test/p?q=1",
      headers: {},
      body: null,
    });
    const refused = (input: Record<string, unknown>) => errorOf(() => parseHttpRequest(input)).message;
    expect(refused({ url: "ftp://a.test/" })).toBe("dokku_http: only http and https URLs can be requested");
    expect(refused({ url: "not a url" })).toBe('dokku_http: invalid url "not a url"');
    expect(refused({ url: "http://user:pw@a.test/" })).toBe(
      "dokku_http: credentials in the URL are not allowed; send a header",
    );
    expect(refused({ url: "http://a.test/", method: "CONNECT" })).toBe(
      "dokku_http: method must be one of GET, HEAD, POST, PUT, PATCH, DELETE",
    );
    expect(refused({ url: "http://a.test/", headers: { "X-A": "1\r\nX-B: 2" } })).toBe(
      'dokku_http: invalid header "X-A"',
    );
    expect(refused({ url: "http://a.test/", headers: ["x"] })).toBe("dokku_http: headers must be an object of strings");
    expect(refused({ url: "http://a.test/", body: 1 })).toBe("dokku_http: body must be a string");
  });
});

describe("netAllowed", () => {
  test("matches *, a host on any port, or a host on one port (the scheme's default when none is given)", () => {
    const allowed = (net: string[], url: string) => netAllowed(net, new URL(url));
    expect(allowed(["*"], "https://anything.test/")).toBe(true);
    expect(allowed(["hooks.example.com"], "https://HOOKS.example.com:8443/")).toBe(true);
    expect(allowed(["hooks.example.com:443"], "https://hooks.example.com/")).toBe(true);
    expect(allowed(["hooks.example.com:443"], "http://hooks.example.com/")).toBe(false);
    expect(allowed(["127.0.0.1:8080"], "http://127.0.0.1:8081/")).toBe(false);
    expect(allowed(["[::1]:8080"], "http://[::1]:8080/")).toBe(true);
    expect(allowed(["example.com"], "http://example.com.evil.test/")).toBe(false);
    expect(allowed([], "http://127.0.0.1/")).toBe(false);
  });
});
