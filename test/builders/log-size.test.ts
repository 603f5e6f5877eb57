import { describe, expect, test } from "bun:test";
import { withLogSize } from "../../src/builders/log-size";

describe("withLogSize (logs max-size, issue 14)", () => {
  const storage = { binds: ["/srv/x:/x"] };
  test("bounds a container of the daemon's json-file or local driver, ahead of the app's own log options", () => {
    expect([
      withLogSize([storage], "10m", "json-file"),
      withLogSize(
        [{ hostConfig: { LogConfig: { Type: "", Config: { "max-file": "3", "max-size": "1m" } } } }],
        "10m",
        "local",
      ),
      withLogSize([{ hostConfig: { LogConfig: { Type: "json-file", Config: {} } } }], "5k", "journald"),
    ]).toEqual([
      [storage, { hostConfig: { LogConfig: { Type: "", Config: { "max-size": "10m" } } } }],
      [
        { hostConfig: { LogConfig: { Type: "", Config: { "max-file": "3", "max-size": "1m" } } } },
        { hostConfig: { LogConfig: { Type: "", Config: { "max-size": "1m", "max-file": "3" } } } },
      ],
      [
        { hostConfig: { LogConfig: { Type: "json-file", Config: {} } } },
        { hostConfig: { LogConfig: { Type: "json-file", Config: { "max-size": "5k" } } } },
      ],
    ]);
  });

  test("adds nothing for unlimited, or when the driver keeps no files (daemon's or docker-options')", () => {
    expect([
      withLogSize([storage], "unlimited", "json-file"),
      withLogSize([storage], "10m", "journald"),
      withLogSize([{ hostConfig: { LogConfig: { Type: "syslog", Config: {} } } }], "10m", "json-file"),
    ]).toEqual([[storage], [storage], [{ hostConfig: { LogConfig: { Type: "syslog", Config: {} } } }]]);
  });
});
