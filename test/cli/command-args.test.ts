import { describe, expect, test } from "bun:test";
import { parseCommandArgs } from "../../src/cli/command-args";
import { tempRoots, runDokku } from "../harness";

const DEFINITIONS = {
  app: { type: "positional", required: true },
  phase: { type: "positional", required: false },
  global: { type: "boolean" },
  format: { type: "string" },
} as const;

describe("parseCommandArgs", () => {
  test.each([["-v cache_vol:/cache:ro"], ["-_x"], ["-1"], ["-e FOO=bar baz"], ["--label=x y"]])(
    "keeps %p as an operand, and the words around it, where citty read one-letter flags",
    (word) => {
      const parsed = parseCommandArgs(["shop", "deploy", word], DEFINITIONS) as unknown as Record<string, unknown>;
      if (word.startsWith("--")) {
        // a long flag stays a flag, as before
        expect(parsed._).toEqual(["shop", "deploy"]);
        return;
      }
      expect(parsed._).toEqual(["shop", "deploy", word]);
      expect(parsed.app).toBe("shop");
      expect(parsed.phase).toBe("deploy");
      for (const letter of ["v", "e", "c", "x", "1"]) expect(parsed[letter]).toBeUndefined();
    },
  );

  test("flags still parse: booleans, strings with a value, clusters of letters, and -- ends them", () => {
    const parsed = parseCommandArgs(
      ["--global", "--format", "json", "-q", "--", "-v x_y"],
      DEFINITIONS,
    ) as unknown as Record<string, unknown>;
    expect(parsed.global).toBe(true);
    expect(parsed.format).toBe("json");
    expect(parsed.q).toBe(true);
    expect(parsed._).toEqual(["-v x_y"]);
  });
});

test("docker-options:add takes a quoted multi-word option with an underscore (was: ` !     true is not iterable`)", async () => {
  using roots = tempRoots();
  expect((await runDokku(["apps:create", "shop"], { env: roots.env })).exitCode).toBe(0);
  const added = await runDokku(["docker-options:add", "shop", "deploy", "-v cache_vol:/cache:ro"], { env: roots.env });
  expect(added.stderr).toBe("");
  expect(added.exitCode).toBe(0);
  const report = await runDokku(["docker-options:report", "shop", "--docker-options-deploy"], { env: roots.env });
  expect(report.stdout).toBe("-v cache_vol:/cache:ro\n");
});
