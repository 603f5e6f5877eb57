import { describe, expect, test } from "bun:test";
import {
  NO_MOUNT_FLAGS,
  namedAttachment,
  removeAttachment,
  upsertAttachment,
} from "../../src/builders/storage-attachment";
import type { StorageAttachment } from "../../src/builders/storage-mount";
import { dokkuErrorOf } from "../harness";

const flags = (over: Partial<typeof NO_MOUNT_FLAGS>) => ({ ...NO_MOUNT_FLAGS, containerDir: "/data", ...over });
const host = (name: string) => `/hosts/${name}`;
const at = (entry: string, path: string, over: Partial<StorageAttachment> = {}): StorageAttachment => ({
  entry_name: entry,
  container_path: path,
  phases: ["deploy", "run"],
  process_type: "_default_",
  ...over,
});

describe("namedAttachment", () => {
  test("defaults to deploy and run for every process; keeps the flags as typed, ro hoisted to readonly", () => {
    expect([
      namedAttachment("uploads", flags({})),
      namedAttachment(
        "uploads",
        flags({
          phases: ["deploy", "deploy"],
          processType: "worker",
          subpath: "a/b",
          readonly: true,
          volumeOptions: "noexec,nosuid",
          volumeChown: "herokuish",
        }),
      ),
      namedAttachment("uploads", flags({ volumeOptions: "ro,Z" })),
    ]).toEqual([
      at("uploads", "/data"),
      {
        entry_name: "uploads",
        container_path: "/data",
        phases: ["deploy"],
        process_type: "worker",
        subpath: "a/b",
        readonly: true,
        volume_options: "noexec,nosuid",
        volume_chown: "herokuish",
      },
      { ...at("uploads", "/data"), readonly: true, volume_options: "Z" },
    ]);
  });

  test("refuses what docker or Dokku would, with one line each", () => {
    expect(
      [
        flags({ containerDir: undefined }),
        flags({ containerDir: "data" }),
        flags({ containerDir: "/" }),
        flags({ containerDir: "//" }),
        flags({ containerDir: "/app/../etc" }),
        flags({ containerDir: "/a:b" }),
        flags({ containerDir: `/${"x".repeat(1024)}` }),
        flags({ phases: ["build"] }),
        flags({ processType: "web.1" }),
        flags({ subpath: "../up" }),
        flags({ subpath: "/abs" }),
        flags({ subpath: "a/./b" }),
        flags({ volumeOptions: "rx" }),
        flags({ volumeOptions: "rw", readonly: true }),
        flags({ volumeChown: "65536" }),
      ].map((given) => dokkuErrorOf(() => namedAttachment("uploads", given))),
    ).toEqual([
      "--container-dir is required when mounting a named storage entry",
      'attachment container path "data" must be absolute',
      "Container path must not be the container's root (/)",
      "Container path must not be the container's root (/)",
      "Storage paths must not contain '..': /app/../etc",
      "Container path must not contain control characters, ':' or ',': \"/a:b\"",
      "Container path too long (at most 1024 characters)",
      'attachment phase "build" is not supported (must be "deploy" or "run")',
      'Invalid process type specified: "web.1"',
      "--volume-subpath must be a relative path inside the entry, without '.' or '..': ../up",
      "--volume-subpath must be a relative path inside the entry, without '.' or '..': /abs",
      "--volume-subpath must be a relative path inside the entry, without '.' or '..': a/./b",
      "Unsupported mount option 'rx', supported: ro, rw, z, Z, shared, rshared, slave, rslave, private, rprivate, nocopy, consistent, cached, delegated, noexec, nosuid, nodev, exec, suid, dev",
      "A mount cannot be both ro and rw",
      "Unsupported chown permissions",
    ]);
  });
});

describe("upsertAttachment", () => {
  test("rewrites the same entry, path and process in place (fields replaced, not merged); appends anything else", () => {
    const first = at("a", "/data", { readonly: true, volume_options: "Z" });
    const other = at("b", "/cache");
    expect([
      upsertAttachment([first, other], at("a", "/data", { volume_options: "noexec" }), host),
      upsertAttachment([first], at("a", "/other"), host),
      upsertAttachment([at("a", "/data", { process_type: "web" })], at("a", "/data", { process_type: "worker" }), host)
        .created,
    ]).toEqual([
      { attachments: [at("a", "/data", { volume_options: "noexec" }), other], created: false },
      { attachments: [first, at("a", "/other")], created: true },
      true,
    ]);
  });

  test("refuses a second mount on a container path an overlapping process and phase already uses", () => {
    const current = [at("a", "/data"), at("b", "/web-only", { process_type: "web", phases: ["deploy"] })];
    expect([
      dokkuErrorOf(() => upsertAttachment(current, at("c", "/data/"), host)),
      dokkuErrorOf(() => upsertAttachment(current, at("c", "/data", { process_type: "worker" }), host)),
      dokkuErrorOf(() => upsertAttachment(current, at("c", "/web-only"), host)),
      upsertAttachment(current, at("c", "/web-only", { process_type: "worker" }), host).created,
      upsertAttachment(current, at("c", "/web-only", { phases: ["run"] }), host).created,
    ]).toEqual([
      "Container path /data/ is already mounted from /hosts/a",
      "Container path /data is already mounted from /hosts/a",
      "Container path /web-only is already mounted from /hosts/b",
      true,
      true,
    ]);
  });
});

describe("removeAttachment", () => {
  test("removes the entry's mount, at the path when given; refuses none and an ambiguous one, in Dokku's words", () => {
    const current = [at("a", "/data"), at("a", "/cache"), at("b", "/b")];
    expect([
      removeAttachment(current, "shop", "a", "/cache"),
      removeAttachment(current, "shop", "b", undefined),
      dokkuErrorOf(() => removeAttachment(current, "shop", "a", undefined)),
      dokkuErrorOf(() => removeAttachment(current, "shop", "c", undefined)),
      dokkuErrorOf(() => removeAttachment(current, "shop", "b", "/x")),
    ]).toEqual([
      [at("a", "/data"), at("b", "/b")],
      [at("a", "/data"), at("a", "/cache")],
      'storage entry "a" is mounted at multiple paths on app "shop" (/cache, /data); pass --container-dir to disambiguate',
      'storage entry "c" is not mounted on app "shop"',
      'storage entry "b" is not mounted at "/x" on app "shop"',
    ]);
  });
});
