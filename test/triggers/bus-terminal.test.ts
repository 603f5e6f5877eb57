import { describe, expect, test } from "bun:test";
import type { Context } from "../../src/core/context";
import { isDokkuError } from "../../src/core/errors";
import { createOutput, memorySink } from "../../src/core/output";
import { TriggerBus } from "../../src/triggers/bus";

/** Escape sequences and controls a hostile handler puts in its errors and reasons. */
const HOSTILE = "no\x1b]52;c;cHduZWQ=\x07 way\x1b[2J\x9b1;1H\x1b]0;title\x07\roverwritten\u202e";
const CLEAN = "no wayoverwritten";

function testBus() {
  const sink = memorySink();
  const ctx = { out: createOutput(sink) } as unknown as Context;
  return { bus: new TriggerBus(() => ctx), sink };
}

const AUTH = { user: "alice", sshUser: "dokku", command: "apps:list", app: null, args: [] };

describe("TriggerBus and terminal text (issue 12)", () => {
  test("a notify handler's failure is warned and returned without escape sequences or controls", async () => {
    const { bus, sink } = testBus();
    bus.on("post-create", "plugin hostile", () => {
      throw new Error(HOSTILE);
    });
    expect(await bus.fire("post-create", { app: "web" })).toEqual({
      failures: [{ source: "plugin hostile", message: CLEAN }],
    });
    expect(sink.err).toBe(` !     plugin hostile failed on post-create: ${CLEAN}\n`);
  });

  test("a veto reason and a veto handler's failure carry no escape sequences or controls", async () => {
    const refusing = testBus();
    refusing.bus.on("user-auth", "plugin hostile", () => ({ allow: false, reason: HOSTILE }));
    expect(await refusing.bus.fire("user-auth", AUTH)).toEqual({
      allowed: false,
      source: "plugin hostile",
      reason: CLEAN,
    });
    const throwing = testBus();
    throwing.bus.on("user-auth", "plugin hostile", () => {
      throw new Error(HOSTILE);
    });
    expect(await throwing.bus.fire("user-auth", AUTH)).toEqual({
      allowed: false,
      source: "plugin hostile",
      reason: `plugin hostile failed on user-auth: ${CLEAN}`,
    });
  });

  test("a collect or first handler's failure carries no escape sequences or controls", async () => {
    for (const trigger of ["app-list", "proxy-type"] as const) {
      const { bus } = testBus();
      bus.on(trigger, "plugin hostile", () => {
        throw new Error(HOSTILE);
      });
      const error = await bus.fire(trigger, trigger === "app-list" ? {} : { app: "web" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isDokkuError(error) && error.message).toBe(`plugin hostile failed on ${trigger}: ${CLEAN}`);
    }
  });
});
