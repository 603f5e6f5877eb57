import { describe, expect, test } from "bun:test";
import {
  encodeLine,
  LineSplitter,
  parseCallRequest,
  parseChildMessage,
  selfCommand,
  type CallRequest,
} from "../../src/wasm/sandbox-protocol";
import { NO_GRANTS } from "./sandbox-fixture";

const REQUEST: CallRequest = {
  type: "call",
  id: 7,
  plugin: "probe",
  modulePath: "/var/lib/dokku/plugins/wasm/probe/probe.wasm",
  sha256: "0".repeat(64),
  export: "on_post_deploy",
  input: '{"app":"web"}',
  app: "web",
  grants: NO_GRANTS,
  limits: { timeoutMs: 5000, memoryMb: 16 },
  libRoot: "/var/lib/dokku",
  dokkuRoot: "/home/dokku",
  owner: null,
};

describe("LineSplitter", () => {
  test("yields complete lines only, keeping a partial one for the next chunk", () => {
    const splitter = new LineSplitter();
    expect(splitter.push('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
    expect(splitter.push(":2}\n\n")).toEqual(['{"b":2}']);
    expect(splitter.push("")).toEqual([]);
  });
});

describe("parseChildMessage", () => {
  test("reads each kind of message back from its line", () => {
    const messages = [
      { type: "ready" },
      { type: "output", id: 1, level: "warn", text: "careful" },
      { type: "result", id: 1, output: "[]" },
      { type: "result", id: 2, output: null },
      { type: "error", id: 3, reason: "timeout", message: "timed out after 5 ms" },
    ] as const;
    for (const message of messages) expect(parseChildMessage(encodeLine(message).trimEnd())).toEqual(message);
  });

  test("ignores lines that are not protocol messages", () => {
    for (const line of [
      "hello",
      "[]",
      "{}",
      '{"type":"output","id":1,"level":"shout","text":"x"}',
      '{"type":"error","id":1,"reason":"bored","message":"x"}',
      '{"type":"result","id":-1,"output":null}',
      '{"type":"result","id":1,"output":5}',
    ]) {
      expect(parseChildMessage(line)).toBeUndefined();
    }
  });
});

describe("parseCallRequest", () => {
  test("reads a request back and refuses anything else", () => {
    expect(parseCallRequest(encodeLine(REQUEST).trimEnd())).toEqual(REQUEST);
    expect(() => parseCallRequest('{"type":"call","id":1}')).toThrow("call request without plugin");
    expect(() => parseCallRequest("nope")).toThrow("not a call request: nope");
  });
});

describe("selfCommand", () => {
  test("runs another binary alone, and this one the way it was started", () => {
    expect(selfCommand("/usr/bin/dokku")).toEqual(["/usr/bin/dokku"]);
    expect(selfCommand(process.execPath)[0]).toBe(process.execPath);
  });
});
