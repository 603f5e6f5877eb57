import { describe, expect, test } from "bun:test";
import { storageExecSpec } from "../../src/builders/storage-exec";
import type { StorageEntry } from "../../src/builders/storage-mount";
import { dokkuErrorOf } from "../harness";

const ENTRY: StorageEntry = {
  name: "uploads",
  scheduler: "docker-local",
  host_path: "/var/lib/dokku/data/storage/uploads",
  chown: "heroku",
  schema_version: 1,
};

describe("storageExecSpec", () => {
  test("mounts the entry at /data in alpine:3 as the entry's chown uid, a shell without a command", () => {
    expect(storageExecSpec({ entry: ENTRY, image: undefined, asUser: undefined, command: [], tty: false })).toEqual({
      Image: "alpine:3",
      Cmd: ["sh", "-c", "command -v bash >/dev/null 2>&1 && exec bash || exec sh"],
      User: "1000:1000",
      Labels: { "com.dokku.container-type": "storage-exec", "com.dokku.storage-entry": "uploads" },
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      AttachStdin: false,
      AttachStdout: true,
      AttachStderr: true,
      HostConfig: { Binds: ["/var/lib/dokku/data/storage/uploads:/data"] },
    });
  });

  test("takes --image, --as-user and the command; a volume entry mounts the volume; no chown, no user", () => {
    const spec = storageExecSpec({
      entry: { name: "v", scheduler: "docker-local", host_path: "cache_vol", schema_version: 1 },
      image: "dokku-test/busybox:latest",
      asUser: "",
      command: ["ls", "/data"],
      tty: true,
    });
    const other = storageExecSpec({ entry: ENTRY, image: undefined, asUser: "0", command: ["id"], tty: false });
    expect([spec.Image, spec.Cmd, spec.User, spec.Tty, spec.HostConfig, other.User]).toEqual([
      "dokku-test/busybox:latest",
      ["ls", "/data"],
      undefined,
      true,
      { Binds: ["cache_vol:/data"] },
      "0:0",
    ]);
  });

  test("refuses a bad uid, a bad image and an entry without a host path", () => {
    const base = { entry: ENTRY, image: undefined, asUser: undefined, command: [], tty: false };
    expect([
      dokkuErrorOf(() => storageExecSpec({ ...base, asUser: "65536" })),
      dokkuErrorOf(() => storageExecSpec({ ...base, asUser: "root" })),
      dokkuErrorOf(() => storageExecSpec({ ...base, image: "--privileged" })),
      dokkuErrorOf(() => storageExecSpec({ ...base, entry: { name: "k", scheduler: "k3s", schema_version: 1 } })),
    ]).toEqual([
      "--as-user must be a numeric uid from 0 to 65535",
      "--as-user must be a numeric uid from 0 to 65535",
      'Invalid image name: "--privileged"',
      'storage entry "k" is missing a host path',
    ]);
  });
});
