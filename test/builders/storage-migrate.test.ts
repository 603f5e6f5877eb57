import { describe, expect, test } from "bun:test";
import { type LegacyLine, legacyMigrationPlan } from "../../src/builders/storage-migrate";
import { legacyEntryFor, type StorageEntry } from "../../src/builders/storage-mount";

const line = (phase: "deploy" | "run", volume: string, option = `-v ${volume}`): LegacyLine => ({
  phase,
  option,
  volume,
});
const none = () => undefined;

describe("legacyMigrationPlan", () => {
  test("one attachment per mount with the phases it had, on the shared legacy entry, options kept", () => {
    const tmp = legacyEntryFor("/tmp/legacy-mount");
    const vol = legacyEntryFor("cache_vol");
    expect(
      legacyMigrationPlan(
        [
          line("deploy", "/tmp/legacy-mount:/legacy"),
          line("run", "/tmp/legacy-mount:/legacy", "--volume=/tmp/legacy-mount:/legacy"),
          line("run", "cache_vol:/cache:Z,ro"),
        ],
        [],
        none,
        "/home/dokku",
      ),
    ).toEqual({
      newEntries: [tmp, vol],
      attachments: [
        { entry_name: tmp.name, container_path: "/legacy", phases: ["deploy", "run"], process_type: "_default_" },
        {
          entry_name: vol.name,
          container_path: "/cache",
          phases: ["run"],
          process_type: "_default_",
          readonly: true,
          volume_options: "Z",
        },
      ],
      drain: [
        line("deploy", "/tmp/legacy-mount:/legacy"),
        line("run", "/tmp/legacy-mount:/legacy", "--volume=/tmp/legacy-mount:/legacy"),
        line("run", "cache_vol:/cache:Z,ro"),
      ],
      skipped: [],
    });
  });

  test("is idempotent: an entry and attachment already there are reused and the lines still drained", () => {
    const entry = legacyEntryFor("/srv/a");
    const attachment = {
      entry_name: entry.name,
      container_path: "/a",
      phases: ["deploy", "run"],
      process_type: "_default_",
    };
    const entries = new Map<string, StorageEntry>([[entry.name, entry]]);
    expect(
      legacyMigrationPlan([line("deploy", "/srv/a:/a")], [attachment], (name) => entries.get(name), "/home/dokku"),
    ).toEqual({ newEntries: [], attachments: [attachment], drain: [line("deploy", "/srv/a:/a")], skipped: [] });
  });

  test("leaves in docker-options what storage:mount would refuse, saying why", () => {
    const taken = legacyEntryFor("/srv/a");
    const conflicting = { ...taken, host_path: "/elsewhere" };
    const plan = legacyMigrationPlan(
      [
        line("deploy", "/var/tmp"),
        line("deploy", "/srv/../etc:/etc"),
        line("deploy", "/home/dokku/shop:/repo"),
        line("deploy", "/srv/a:/a"),
        line("deploy", "/srv/b:/b"),
        line("deploy", "/srv/c:/b"),
      ],
      [],
      (name) => (name === taken.name ? conflicting : undefined),
      "/home/dokku",
    );
    expect({ drain: plan.drain.map((l) => l.volume), skipped: plan.skipped }).toEqual({
      drain: ["/srv/b:/b"],
      skipped: [
        {
          option: "-v /home/dokku/shop:/repo",
          reason: "Host path must not be inside DOKKU_ROOT (/home/dokku): /home/dokku/shop",
        },
        { option: "-v /srv/../etc:/etc", reason: "Storage paths must not contain '..': /srv/../etc" },
        { option: "-v /srv/a:/a", reason: `legacy entry "${taken.name}" already exists with conflicting fields` },
        {
          option: "-v /srv/c:/b",
          reason: `Container path /b is already mounted from ${legacyEntryFor("/srv/b").name}`,
        },
        { option: "-v /var/tmp", reason: "Storage path must be two valid paths divided by colon." },
      ],
    });
  });
});
