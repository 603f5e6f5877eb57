import { describe, expect, test } from "bun:test";
import { sanitiseEnv } from "../../src/builders/sanitise-env";

describe("sanitiseEnv", () => {
  test("hides config values but those of Dokku's shown prefixes, and keeps the key", () => {
    expect(
      ["SECRET=s3cret", "PORT=5000", "DOKKU_APP_TYPE=dockerfile", "PATH=/bin", "EMPTY=", "NOVALUE"].map(sanitiseEnv),
    ).toEqual([
      "SECRET=XXXXXX",
      "PORT=5000",
      "DOKKU_APP_TYPE=dockerfile",
      "PATH=/bin",
      "EMPTY=XXXXXX",
      "NOVALUE=XXXXXX",
    ]);
  });
});
