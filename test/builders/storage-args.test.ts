import { describe, expect, test } from "bun:test";
import { MAX_STORAGE_WORD, MAX_STORAGE_WORDS, parseStorageArgs } from "../../src/builders/storage-args";
import { dokkuErrorOf } from "../harness";

const SPEC = { strings: ["container-dir", "chown"], lists: ["phase"], booleans: ["volume-readonly", "force"] };
const plain = (args: ReturnType<typeof parseStorageArgs>) => ({
  positionals: args.positionals,
  strings: Object.fromEntries(args.strings),
  lists: Object.fromEntries(args.lists),
  booleans: Object.fromEntries(args.booleans),
});

describe("parseStorageArgs", () => {
  test("reads flags anywhere, as pflag: --f v, --f=v, repeated and comma lists, booleans, -- ends the flags", () => {
    expect(
      plain(
        parseStorageArgs(
          [
            "shop",
            "--container-dir",
            "/data",
            "entry",
            "--phase",
            "deploy",
            "--phase=run,deploy",
            "--volume-readonly",
            "--force=false",
            "--chown",
            "-1",
            "--",
            "sh",
            "-c",
            "--force",
          ],
          SPEC,
        ),
      ),
    ).toEqual({
      positionals: ["shop", "entry", "sh", "-c", "--force"],
      strings: { "container-dir": "/data", chown: "-1" },
      lists: { phase: ["deploy", "run", "deploy"] },
      booleans: { "volume-readonly": true, force: false },
    });
  });

  test("refuses unknown flags, missing values, bad booleans, control characters and words past the bounds", () => {
    expect(
      [
        ["--nope"],
        ["-x:/y"],
        ["--container-dir"],
        ["--force=yes"],
        ["--container-dir", "/da\nta"],
        ["--chown=\u001b[31m"],
        Array.from({ length: MAX_STORAGE_WORDS + 1 }, () => "w"),
        ["x".repeat(MAX_STORAGE_WORD + 1)],
        ["--container-dir", "x".repeat(MAX_STORAGE_WORD + 1)],
      ].map((args) => dokkuErrorOf(() => parseStorageArgs(args, SPEC))),
    ).toEqual([
      "unknown flag: --nope",
      "unknown flag: -x:/y",
      "flag needs an argument: --container-dir",
      'invalid argument "yes" for "--force" flag: must be true or false',
      "--container-dir must not contain control characters",
      "Arguments must not contain control characters",
      `Too many arguments (at most ${MAX_STORAGE_WORDS})`,
      `Argument too long (at most ${MAX_STORAGE_WORD} characters)`,
      `Argument too long (at most ${MAX_STORAGE_WORD} characters)`,
    ]);
  });
});
