import { describe, expect, test } from "bun:test";
import { readArchive } from "../../../src/executors/archive/read-archive";
import { pairFromTar } from "../../../src/plugins/certs/sources";
import { dokkuErrorOf } from "../../harness";
import { tarOf, type FixtureEntry } from "../../archive-fixtures";

const LIMITS = { maxBytes: 1 << 20, maxFiles: 100 };
const entries = (members: FixtureEntry[]) => readArchive(tarOf(members), "tar", LIMITS);

describe("pairFromTar", () => {
  test("takes server.crt and server.key at the top", () => {
    expect(
      pairFromTar(
        entries([
          { name: "server.crt", body: "C" },
          { name: "server.key", body: "K" },
        ]),
      ),
    ).toEqual({
      crt: "C",
      key: "K",
      crtName: "server.crt (tar archive)",
      keyName: "server.key (tar archive)",
    });
  });

  test("finds a .crt and a .key of other names in a subdirectory, skipping hidden files", () => {
    const pair = pairFromTar(
      entries([
        { name: "certs/", type: "5" },
        { name: "certs/example.crt", body: "C" },
        { name: "certs/example.key", body: "K" },
        { name: "certs/._example.crt", body: "mac resource fork" },
        { name: ".hidden/other.key", body: "x" },
      ]),
    );
    expect(pair).toEqual({
      crt: "C",
      key: "K",
      crtName: "certs/example.crt (tar archive)",
      keyName: "certs/example.key (tar archive)",
    });
  });

  const refusals: [string, FixtureEntry[], string][] = [
    ["no .crt", [{ name: "server.key", body: "K" }], "Tar archive is missing .crt file"],
    ["no .key", [{ name: "server.crt", body: "C" }], "Tar archive is missing .key file"],
    [
      "two .crt",
      [{ name: "a.crt" }, { name: "b/c.crt" }, { name: "server.key" }],
      "Tar archive contains more than one .crt file",
    ],
    [
      "two .key",
      [{ name: "a.crt" }, { name: "a.key" }, { name: "b.key" }],
      "Tar archive contains more than one .key file",
    ],
    [
      "a .crt that is a symlink",
      [{ name: "server.crt", type: "2", linkName: "x" }, { name: "server.key" }],
      "Tar archive is missing .crt file",
    ],
  ];
  for (const [what, members, message] of refusals) {
    test(`refuses an archive with ${what}`, () => {
      expect(dokkuErrorOf(() => pairFromTar(entries(members)))).toBe(message);
    });
  }
});
