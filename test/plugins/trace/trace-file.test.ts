import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createOutput, memorySink } from "../../../src/core/output";
import { pathsFromEnv } from "../../../src/core/paths";
import {
  migrateTraceProperty,
  setTraceEnabled,
  traceFilePath,
  traceFileSetsTrace,
} from "../../../src/plugins/trace/trace-file";
import { coreProperties, GLOBAL } from "../../../src/store/property-store";
import { tempRoots } from "../../harness";

function traceCtx(env: Record<string, string>, trace: boolean) {
  const paths = pathsFromEnv(env);
  const sink = memorySink();
  const out = createOutput(sink, { trace });
  return { sink, ctx: { paths, owner: undefined, out, env, store: coreProperties(`${paths.libRoot}/config`) } };
}

describe("trace file", () => {
  test("reads the file as a shell sourcing it would", () => {
    expect(
      [
        "",
        "\n",
        "export DOKKU_TRACE=1\n",
        "DOKKU_TRACE=true",
        "export DOKKU_TRACE=''",
        'export DOKKU_TRACE="1"\nexport DOKKU_TRACE=\n',
        "# DOKKU_TRACE=1",
      ].map(traceFileSetsTrace),
    ).toEqual([false, false, true, true, false, false, false]);
  });

  test("trace:off stops tracing for the rest of the same command; trace:on starts it", () => {
    using roots = tempRoots();
    const { sink, ctx } = traceCtx(roots.env, true);
    ctx.out.trace("before");
    setTraceEnabled(ctx, false);
    ctx.out.trace("after off");
    expect(ctx.out.tracing).toBe(false);
    setTraceEnabled(ctx, true);
    ctx.out.trace("after on");
    expect(sink.err).toBe("+ before\n+ after on\n");
    expect(existsSync(traceFilePath(ctx.paths))).toBe(true);
  });

  test("trace:off keeps tracing when DOKKU_TRACE=1 is in the environment", () => {
    using roots = tempRoots();
    const { ctx } = traceCtx({ ...roots.env, DOKKU_TRACE: "1" }, true);
    setTraceEnabled(ctx, false);
    expect(ctx.out.tracing).toBe(true);
  });

  test("moving the legacy property is idempotent and writes the file before removing the property", () => {
    using roots = tempRoots();
    const { ctx } = traceCtx(roots.env, false);
    // a run killed after writing the file: both exist; the next run only removes the property
    ctx.store.set("trace", GLOBAL, "enabled", "true");
    mkdirSync(`${roots.env.DOKKU_ROOT}/.dokkurc`, { recursive: true });
    writeFileSync(traceFilePath(ctx.paths), "export DOKKU_TRACE=1\n");
    migrateTraceProperty(ctx);
    migrateTraceProperty(ctx);
    expect({ file: existsSync(traceFilePath(ctx.paths)), property: ctx.store.get("trace", GLOBAL, "enabled") }).toEqual(
      {
        file: true,
        property: undefined,
      },
    );
    // a property that is not "true" means off: removed, no file written
    setTraceEnabled(ctx, false);
    ctx.store.set("trace", GLOBAL, "enabled", "false");
    migrateTraceProperty(ctx);
    expect({ file: existsSync(traceFilePath(ctx.paths)), property: ctx.store.get("trace", GLOBAL, "enabled") }).toEqual(
      {
        file: false,
        property: undefined,
      },
    );
  });
});
