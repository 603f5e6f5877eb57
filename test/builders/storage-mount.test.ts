import { describe, expect, test } from "bun:test";
import {
  assertOutsideDokkuRoot,
  formatMount,
  legacyAttachment,
  legacyEntryFor,
  listRow,
  normalizeContainerPath,
  parseMountSpec,
  parseNewMount,
} from "../../src/builders/storage-mount";
import { dokkuErrorOf } from "../harness";

const ROOT = "/home/dokku";

describe("parseMountSpec", () => {
  test("splits a host path mount and hoists ro out of the options", () => {
    expect([
      parseMountSpec("/var/lib/dokku/data/storage/app:/app/storage"),
      parseMountSpec("/data:/data:ro,Z"),
      parseMountSpec("/data:/data:"),
    ]).toEqual([
      {
        hostPath: "/var/lib/dokku/data/storage/app",
        containerPath: "/app/storage",
        readonly: false,
        volumeOptions: "",
      },
      { hostPath: "/data", containerPath: "/data", readonly: true, volumeOptions: "Z" },
      { hostPath: "/data", containerPath: "/data", readonly: false, volumeOptions: "" },
    ]);
  });

  test("accepts a docker volume name as the host side", () => {
    expect(parseMountSpec("mount_volume:/mount")).toEqual({
      hostPath: "mount_volume",
      containerPath: "/mount",
      readonly: false,
      volumeOptions: "",
    });
  });

  test("refuses what Dokku's VerifyPaths refuses, with its wording", () => {
    const volume =
      "Volume name must be two characters or more. Volume name must not contain invalid characters. Storage path must be two valid paths divided by colon.";
    const twoPaths = "Storage path must be two valid paths divided by colon.";
    expect(
      ["/tmp/x", "/tmp/x:relative", "/tmp/x:", "v:/x", "bad$name:/x", "vol"].map((spec) =>
        dokkuErrorOf(() => parseMountSpec(spec)),
      ),
    ).toEqual([twoPaths, twoPaths, twoPaths, volume, volume, volume]);
  });

  test("refuses relative host paths, a missing spec and control characters", () => {
    expect(
      [undefined, "", "./data:/data", "../data:/data", "data/sub:/data", "~/data:/data", "/a\n:/b"].map((spec) =>
        dokkuErrorOf(() => parseMountSpec(spec)),
      ),
    ).toEqual([
      "Please specify a mount path, as host-path:container-path",
      "Please specify a mount path, as host-path:container-path",
      "Host path must be absolute or a docker volume name: ./data",
      "Host path must be absolute or a docker volume name: ../data",
      "Host path must be absolute or a docker volume name: data/sub",
      "Host path must be absolute or a docker volume name: ~/data",
      "Storage path must not contain control characters",
    ]);
  });
});

describe("parseNewMount", () => {
  test("accepts known options, rw included", () => {
    expect(parseNewMount("/srv/a:/a:rw,z", ROOT)).toEqual({
      hostPath: "/srv/a",
      containerPath: "/a",
      readonly: false,
      volumeOptions: "rw,z",
    });
  });

  test("refuses .., the container root, unknown or conflicting options and paths in DOKKU_ROOT", () => {
    expect(
      [
        "/srv/../etc:/a",
        "/srv:/app/../etc",
        "/srv:/",
        "/srv://",
        "/srv:/a:rx",
        "/srv:/a:ro,rw",
        "/srv:/a:/b",
        "/home/dokku:/a",
        "/home/dokku/app/:/a",
        "/home/dokku/../dokku:/a",
      ].map((spec) => dokkuErrorOf(() => parseNewMount(spec, ROOT))),
    ).toEqual([
      "Storage paths must not contain '..': /srv/../etc",
      "Storage paths must not contain '..': /app/../etc",
      "Container path must not be the container's root (/)",
      "Container path must not be the container's root (/)",
      "Unsupported mount option 'rx', supported: ro, rw, z, Z, shared, rshared, slave, rslave, private, rprivate, nocopy, consistent, cached, delegated",
      "A mount cannot be both ro and rw",
      "Unsupported mount option '/b', supported: ro, rw, z, Z, shared, rshared, slave, rslave, private, rprivate, nocopy, consistent, cached, delegated",
      "Host path must not be inside DOKKU_ROOT (/home/dokku): /home/dokku",
      "Host path must not be inside DOKKU_ROOT (/home/dokku): /home/dokku/app/",
      "Storage paths must not contain '..': /home/dokku/../dokku",
    ]);
  });
});

describe("assertOutsideDokkuRoot", () => {
  test("lets a sibling with the same prefix and docker volumes through", () => {
    expect([
      assertOutsideDokkuRoot("/home/dokku-data", ROOT),
      assertOutsideDokkuRoot("dokku", ROOT),
      assertOutsideDokkuRoot("/home", ROOT),
    ]).toEqual([undefined, undefined, undefined]);
  });
});

describe("legacyEntryFor", () => {
  test("names the entry as Dokku does: legacy- and the sha1 of the host path, vol: for a volume", () => {
    expect([legacyEntryFor("/tmp/mount"), legacyEntryFor("vol1")]).toEqual([
      { name: "legacy-fcb0b45f95", scheduler: "docker-local", host_path: "/tmp/mount", schema_version: 1 },
      { name: "legacy-3900d9fc7b", scheduler: "docker-local", host_path: "vol1", schema_version: 1 },
    ]);
  });
});

describe("legacyAttachment, listRow and formatMount", () => {
  test("an attachment for deploy and run of every process, listed in the colon form", () => {
    const entry = legacyEntryFor("/srv/data");
    const attachment = legacyAttachment(entry, parseMountSpec("/srv/data:/data:ro,Z"));
    const row = listRow(attachment, entry);
    expect({
      attachment,
      row,
      text: formatMount(row),
      plain: formatMount(listRow(legacyAttachment(entry, parseMountSpec("/srv/data:/d")), entry)),
    }).toEqual({
      attachment: {
        entry_name: entry.name,
        container_path: "/data",
        phases: ["deploy", "run"],
        process_type: "_default_",
        readonly: true,
        volume_options: "Z",
      },
      row: {
        entry_name: entry.name,
        host_path: "/srv/data",
        container_path: "/data",
        readonly: true,
        volume_options: "Z",
      },
      text: "/srv/data:/data:ro,Z",
      plain: "/srv/data:/d",
    });
  });
});

describe("normalizeContainerPath", () => {
  test("drops trailing and doubled slashes but keeps the root", () => {
    expect(["/app/data/", "/app//data", "/", "/x"].map(normalizeContainerPath)).toEqual([
      "/app/data",
      "/app/data",
      "/",
      "/x",
    ]);
  });
});
