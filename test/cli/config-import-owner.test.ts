import { describe, expect, test } from "bun:test";
import { chmodSync, chownSync, mkdirSync, writeFileSync } from "node:fs";
import { ownerMayRead } from "../../src/plugins/config/import-source";
import { runDokku } from "../harness";
import { envFileText, rootsWithApp } from "./config-helpers";

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

describe("config:import reads a file as the dokku user would (issue 14)", () => {
  test("the owner's, group's or others' read bit decides, as for the state owner", () => {
    const owner = { uid: 1000, gid: 1000 };
    expect(
      [
        { uid: 0, gid: 0, mode: 0o600 },
        { uid: 0, gid: 0, mode: 0o644 },
        { uid: 1000, gid: 0, mode: 0o600 },
        { uid: 1000, gid: 0, mode: 0o044 },
        { uid: 0, gid: 1000, mode: 0o640 },
        { uid: 0, gid: 1000, mode: 0o604 },
      ].map((stat) => ownerMayRead(stat, owner)),
    ).toEqual([false, true, true, false, true, false]);
    expect(ownerMayRead({ uid: 0, gid: 0, mode: 0o600 }, undefined)).toBe(true);
  });

  test.skipIf(!isRoot)(
    "root importing its own private file is refused until the file is handed to the dokku user",
    async () => {
      using roots = rootsWithApp();
      for (const root of roots.stateRoots) chownSync(root, NOBODY, NOBODY);
      chownSync(`${roots.env.DOKKU_ROOT}/web`, NOBODY, NOBODY);
      mkdirSync(`${roots.dir}/in`);
      const file = `${roots.dir}/in/import.env`;
      writeFileSync(file, "second_key=second_value\n");
      chmodSync(file, 0o600);
      expect(await runDokku(["config:import", "web", file], { env: roots.env })).toEqual({
        stdout: "",
        stderr: ` !     open ${file}: permission denied\n`,
        exitCode: 1,
      });
      expect(envFileText(roots, "web")).toBeUndefined();
      chownSync(file, NOBODY, NOBODY);
      const ok = await runDokku(["config:import", "--no-restart", "web", file], { env: roots.env });
      expect({ exitCode: ok.exitCode, stderr: ok.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect(envFileText(roots, "web")).toBe("export second_key='second_value'\n");
    },
  );
});
