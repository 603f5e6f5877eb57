import { describe, expect, test } from "bun:test";
import {
  buildEntry,
  type CreateEntryInput,
  entryInfoLines,
  normalizeDirectoryMode,
} from "../../src/builders/storage-entry";
import { dokkuErrorOf } from "../harness";

const ROOTS = { storageRoot: "/var/lib/dokku/data/storage", dokkuRoot: "/home/dokku" };
const input = (over: Partial<CreateEntryInput>): CreateEntryInput => ({
  name: "uploads",
  path: undefined,
  scheduler: undefined,
  chown: undefined,
  mode: undefined,
  reclaimPolicy: undefined,
  ...over,
});

describe("buildEntry", () => {
  test("defaults to docker-local on <storage root>/<name>; keeps chown, a 4-digit mode and the reclaim policy", () => {
    expect([
      buildEntry(input({}), ROOTS),
      buildEntry(input({ chown: "herokuish", mode: "755", reclaimPolicy: "Delete" }), ROOTS),
      buildEntry(input({ path: "/var/lib/dokku/data/storage/shared/uploads", chown: "false" }), ROOTS),
      buildEntry(input({ path: "uploads_vol.1" }), ROOTS),
    ]).toEqual([
      {
        name: "uploads",
        scheduler: "docker-local",
        host_path: "/var/lib/dokku/data/storage/uploads",
        schema_version: 1,
      },
      {
        name: "uploads",
        scheduler: "docker-local",
        host_path: "/var/lib/dokku/data/storage/uploads",
        chown: "herokuish",
        mode: "0755",
        reclaim_policy: "Delete",
        schema_version: 1,
      },
      {
        name: "uploads",
        scheduler: "docker-local",
        host_path: "/var/lib/dokku/data/storage/shared/uploads",
        chown: "false",
        schema_version: 1,
      },
      { name: "uploads", scheduler: "docker-local", host_path: "uploads_vol.1", schema_version: 1 },
    ]);
  });

  test("refuses what Dokku refuses, in Dokku's words, and host paths outside the storage root", () => {
    const refusals = [
      input({ name: undefined }),
      input({ name: "rdmtest_invalid" }),
      input({ name: "RdmTest" }),
      input({ name: "-x" }),
      input({ name: "a".repeat(46) }),
      input({ name: "legacy-foo" }),
      input({ scheduler: "k3s" }),
      input({ chown: "65536" }),
      input({ chown: "-1" }),
      input({ chown: "nobody" }),
      input({ mode: "0888" }),
      input({ mode: "07555" }),
      input({ mode: "u+rwx" }),
      input({ reclaimPolicy: "Recycle" }),
      input({ path: "/tmp/custom", chown: "herokuish" }),
      input({ path: "/tmp/custom", mode: "0700" }),
      input({ path: "/tmp/custom", reclaimPolicy: "Delete" }),
      input({ path: "/tmp/custom" }),
      input({ path: "/var/lib/dokku/data/storage" }),
      input({ path: "/var/lib/dokku/data/storage/../../../etc" }),
      input({ path: "/var/lib/dokku/data/storage/a//b" }),
      input({ path: "./relative" }),
      input({ path: "v" }),
      input({ path: "/var/lib/dokku/data/storage/a\nb" }),
    ].map((given) => dokkuErrorOf(() => buildEntry(given, ROOTS)));
    expect(refusals).toEqual([
      "storage entry name is required",
      'storage entry name "rdmtest_invalid" must be a DNS-1123 label (lowercase letters, digits, and dashes; cannot start or end with a dash)',
      'storage entry name "RdmTest" must be a DNS-1123 label (lowercase letters, digits, and dashes; cannot start or end with a dash)',
      'storage entry name "-x" must be a DNS-1123 label (lowercase letters, digits, and dashes; cannot start or end with a dash)',
      `storage entry name "${"a".repeat(46)}" is too long (max 45 characters); helm release names cap our budget`,
      'storage entry name "legacy-foo" must not start with reserved prefix "legacy-"',
      'storage entry "uploads" has unsupported scheduler "k3s" (supported: docker-local)',
      "Unsupported chown permissions",
      "Unsupported chown permissions",
      "Unsupported chown permissions",
      'Unsupported directory mode "0888". Value must be a 3 or 4 digit octal mode, such as 0755',
      'Unsupported directory mode "07555". Value must be a 3 or 4 digit octal mode, such as 0755',
      'Unsupported directory mode "u+rwx". Value must be a 3 or 4 digit octal mode, such as 0755',
      'storage entry "uploads" has unsupported reclaim policy "Recycle"',
      "--chown is only supported when the storage entry uses the default host path (/var/lib/dokku/data/storage/uploads); omit --chown and manage /tmp/custom manually",
      "--mode is only supported when the storage entry uses the default host path (/var/lib/dokku/data/storage/uploads); omit --mode and manage /tmp/custom manually",
      'storage entry "uploads" (docker-local) only accepts --reclaim-policy Delete on the default host path (/var/lib/dokku/data/storage/uploads)',
      "Host path of a storage entry must be under the storage root /var/lib/dokku/data/storage/ or a docker volume name: /tmp/custom",
      "Host path of a storage entry must be under the storage root /var/lib/dokku/data/storage/ or a docker volume name: /var/lib/dokku/data/storage",
      "Host path must be a normalized absolute path: /var/lib/dokku/data/storage/../../../etc",
      "Host path must be a normalized absolute path: /var/lib/dokku/data/storage/a//b",
      'storage entry "uploads" host_path must be an absolute path or a docker named volume token, got "./relative"',
      'storage entry "uploads" host_path must be an absolute path or a docker named volume token, got "v"',
      "Host path must not contain control characters",
    ]);
  });

  test("refuses a storage root inside DOKKU_ROOT's reach", () => {
    expect(
      dokkuErrorOf(() => buildEntry(input({}), { storageRoot: "/home/dokku/storage", dokkuRoot: "/home/dokku" })),
    ).toBe("Host path must not be inside DOKKU_ROOT (/home/dokku): /home/dokku/storage/uploads");
  });
});

describe("normalizeDirectoryMode", () => {
  test("gives Dokku's 4-digit form, nothing for nothing", () => {
    expect(["755", "0700", "1777", "", undefined].map(normalizeDirectoryMode)).toEqual([
      "0755",
      "0700",
      "1777",
      undefined,
      undefined,
    ]);
  });
});

describe("entryInfoLines", () => {
  test("lists the fields set, aligned as Dokku's storage:info", () => {
    expect(
      entryInfoLines({
        name: "uploads",
        scheduler: "docker-local",
        host_path: "/srv/uploads",
        mode: "0755",
        schema_version: 1,
      }),
    ).toEqual({
      heading: "Storage entry uploads",
      details: ["Scheduler:        docker-local", "Host path:        /srv/uploads", "Mode:             0755"],
    });
  });
});
