import { describe, expect, test } from "bun:test";
import { storageBinds, storageFragmentOf, type StorageMount } from "../../src/builders/storage-fragment";

const entry = (name: string, host_path?: string, scheduler = "docker-local") => ({
  name,
  scheduler,
  schema_version: 1,
  ...(host_path ? { host_path } : {}),
});

const MOUNTS: StorageMount[] = [
  {
    entry: entry("zeta", "/srv/zeta"),
    attachment: { entry_name: "zeta", container_path: "/z", phases: ["deploy", "run"], process_type: "_default_" },
  },
  {
    entry: entry("alpha", "/srv/alpha"),
    attachment: {
      entry_name: "alpha",
      container_path: "/a",
      phases: ["deploy", "run"],
      readonly: true,
      volume_options: "Z",
    },
  },
  {
    entry: entry("cache", "cachevol"),
    attachment: { entry_name: "cache", container_path: "/cache", phases: ["run"], process_type: "_default_" },
  },
  {
    entry: entry("jobs", "/srv/jobs"),
    attachment: {
      entry_name: "jobs",
      container_path: "/jobs",
      phases: ["deploy"],
      process_type: "worker",
      subpath: "queue",
    },
  },
  {
    entry: entry("pvc", undefined, "k3s"),
    attachment: { entry_name: "pvc", container_path: "/pvc", phases: ["deploy", "run"] },
  },
];

describe("storageBinds", () => {
  test("gives deploy containers their phase's mounts, sorted by entry then path, per process type", () => {
    expect({ web: storageBinds(MOUNTS, "web", "deploy"), worker: storageBinds(MOUNTS, "worker", "deploy") }).toEqual({
      web: ["/srv/alpha:/a:ro,Z", "/srv/zeta:/z"],
      worker: ["/srv/alpha:/a:ro,Z", "/srv/jobs/queue:/jobs", "/srv/zeta:/z"],
    });
  });

  test("gives run containers the run mounts, docker volumes included, and skips entries of other schedulers", () => {
    expect(storageBinds(MOUNTS, "run", "run")).toEqual(["/srv/alpha:/a:ro,Z", "cachevol:/cache", "/srv/zeta:/z"]);
  });
});

describe("storageFragmentOf", () => {
  test("is empty when the app mounts nothing", () => {
    expect([storageFragmentOf([], "web", "deploy"), storageFragmentOf(MOUNTS.slice(0, 1), "web", "run")]).toEqual([
      {},
      { binds: ["/srv/zeta:/z"] },
    ]);
  });
});
