import { describe, expect, test } from "bun:test";
import {
  buildContainers,
  formatBytes,
  removableContainers,
  removableImages,
  skipCleanupReason,
  type ContainerFacts,
} from "../../../src/plugins/cleanup/plan";
import { gcArgv } from "../../../src/plugins/repo/gc";
import { cacheVolumeName } from "../../../src/plugins/repo/purge-cache";

function container(id: string, name: string, state: string, labels: Record<string, string> = {}): ContainerFacts {
  return { id, name, state, labels: { "com.dokku.app-name": "web", ...labels } };
}

const deploy = (release: number, proc = "web") => ({
  "com.dokku.container-type": "deploy",
  "com.dokku.release-id": String(release),
  "com.dokku.process-type": proc,
});

describe("removableContainers", () => {
  test("picks exited and dead containers and never running, restarting, paused or created ones", () => {
    const containers = [
      container("a1", "web.run.1", "exited", { "com.dokku.container-type": "run" }),
      container("a2", "web.run.2", "running", { "com.dokku.container-type": "run" }),
      container("a3", "web.web.1", "restarting", deploy(3)),
      container("a4", "web.run.3", "paused", { "com.dokku.container-type": "run" }),
      container("a5", "predeploy", "dead"),
      container("a6", "web.run.4", "created"),
    ];
    expect(removableContainers(containers, { retiring: new Set(), currentReleaseId: 3 })).toEqual(["a1", "a5"]);
  });

  test("leaves containers waiting to retire, by queue entry or by name", () => {
    const containers = [
      container("b1", "web.web.1.retiring-1700000000-b1", "exited", deploy(2)),
      container("b2", "web.web.2", "exited", deploy(2)),
      container("b3", "web.worker.1", "exited", deploy(1, "worker")),
    ];
    expect(removableContainers(containers, { retiring: new Set(["b2"]), currentReleaseId: 3 })).toEqual(["b3"]);
  });

  test("keeps the current release's stopped deploy containers but not its failed upcoming ones", () => {
    const containers = [
      container("c1", "web.web.1", "exited", deploy(3)),
      container("c2", "web.web.1.upcoming-123", "exited", deploy(3)),
      container("c3", "web.web.1.old", "exited", deploy(2)),
    ];
    expect(removableContainers(containers, { retiring: new Set(), currentReleaseId: 3 })).toEqual(["c2", "c3"]);
  });

  test("treats every exited deploy container as removable when the app was never deployed", () => {
    expect(
      removableContainers([container("d1", "web.web.1", "exited", deploy(1))], {
        retiring: new Set(),
        currentReleaseId: undefined,
      }),
    ).toEqual(["d1"]);
  });
});

describe("removableImages", () => {
  const images = [
    { id: "sha256:c", created: 300 },
    { id: "sha256:a", created: 100 },
    { id: "sha256:b", created: 200 },
  ];

  test("leaves images a release or container needs and sorts the rest", () => {
    expect(removableImages(images, { protect: new Set(["sha256:b"]) })).toEqual(["sha256:a", "sha256:c"]);
  });

  test("leaves images created after the cut-off", () => {
    expect(removableImages(images, { protect: new Set(), createdBefore: 200 })).toEqual(["sha256:a", "sha256:b"]);
  });
});

describe("skipCleanupReason", () => {
  test("runs the cleanup when nothing turns it off", () => {
    expect(skipCleanupReason({ app: "", global: "", env: undefined })).toBeUndefined();
  });

  test("names the app property, then the global one", () => {
    expect([
      skipCleanupReason({ app: "true", global: "", env: undefined }),
      skipCleanupReason({ app: "", global: "true", env: undefined }),
    ]).toEqual(["skip-cleanup is true", "skip-cleanup is true (global)"]);
  });

  test("lets a set property win over DOKKU_SKIP_CLEANUP, which counts only when none is set", () => {
    expect([
      skipCleanupReason({ app: "false", global: "true", env: "true" }),
      skipCleanupReason({ app: "", global: "false", env: "true" }),
      skipCleanupReason({ app: "", global: "", env: "true" }),
      skipCleanupReason({ app: "", global: "", env: "1" }),
    ]).toEqual([undefined, undefined, "DOKKU_SKIP_CLEANUP is true", undefined]);
  });
});

describe("formatBytes", () => {
  test("uses decimal units as docker does", () => {
    expect([0, 999, 1000, 1_500_000, 2_000_000_000].map(formatBytes)).toEqual([
      "0 B",
      "999 B",
      "1.0 kB",
      "1.5 MB",
      "2.0 GB",
    ]);
  });
});

describe("repo argv and names", () => {
  test("gc runs aggressively in the bare repo and keeps loose refs", () => {
    expect(gcArgv("/home/dokku/web")).toEqual([
      "git",
      "--git-dir=/home/dokku/web",
      "-c",
      "gc.packRefs=false",
      "gc",
      "--aggressive",
    ]);
  });

  test("the build cache volume is Dokku's cache-<app>", () => {
    expect(cacheVolumeName("web")).toBe("cache-web");
  });
});

describe("buildContainers", () => {
  test("picks build-stage containers, never app containers that inherited the image's label", () => {
    const containers = [
      container("e2", "builder", "exited", { "com.dokku.image-stage": "build" }),
      container("e1", "web.web.1", "running", { "com.dokku.image-stage": "build", ...deploy(3) }),
      container("e3", "web.run.1", "running", { "com.dokku.image-stage": "build", "com.dokku.container-type": "run" }),
      container("e4", "other", "exited"),
    ];
    expect(buildContainers(containers)).toEqual(["e2"]);
  });
});
