import { describe, expect, test } from "bun:test";
import { setWords } from "../../src/cli/set-command";
import { GLOBAL } from "../../src/store/property-store";
import { runDokku, tempRoots } from "../harness";

describe("setWords", () => {
  test("reads <app> <key> <value>, and --global in place of the app or anywhere", () => {
    expect(setWords(["shop", "wait-to-retire", "30"])).toEqual({ scope: "shop", key: "wait-to-retire", value: "30" });
    expect(setWords(["--global", "wait-to-retire", "30"])).toEqual({
      scope: GLOBAL,
      key: "wait-to-retire",
      value: "30",
    });
    expect(setWords(["wait-to-retire", "30", "--global"])).toEqual({
      scope: GLOBAL,
      key: "wait-to-retire",
      value: "30",
    });
    expect(setWords(["shop", "wait-to-retire"])).toEqual({ scope: "shop", key: "wait-to-retire", value: "" });
  });

  test("keeps a value that starts with a dash", () => {
    expect(setWords(["shop", "wait-to-retire", "-1"])).toEqual({ scope: "shop", key: "wait-to-retire", value: "-1" });
    expect(setWords(["--global", "update-parallelism", "-1"])).toEqual({
      scope: GLOBAL,
      key: "update-parallelism",
      value: "-1",
    });
  });
});

describe("<ns>:set with a value starting with a dash", () => {
  test("refuses a negative wait-to-retire and keeps the value set before, instead of unsetting it", async () => {
    using roots = tempRoots();
    await runDokku(["apps:create", "shop"], { env: roots.env });
    await runDokku(["checks:set", "shop", "wait-to-retire", "30"], { env: roots.env });
    const refused = await runDokku(["checks:set", "shop", "wait-to-retire", "-1"], { env: roots.env });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(refused.stderr).toStartWith(" !     ");
    expect((await runDokku(["checks:report", "shop", "--checks-wait-to-retire"], { env: roots.env })).stdout).toBe(
      "30\n",
    );
  });
});
