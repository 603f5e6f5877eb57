import { describe, expect, test } from "bun:test";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir, tempRoots } from "../../harness";
import { allApps, appNamesIn, visibleApps } from "../../../src/plugins/apps/app-list";
import { createApp } from "../../../src/plugins/apps/create";
import { testContext } from "./context";
import { homeOf } from "./tree";

describe("appNamesIn", () => {
  test("keeps directories with valid app names, sorted", () => {
    const entries = [
      { name: "zeta", isDirectory: true },
      { name: "alpha", isDirectory: true },
      { name: ".ssh", isDirectory: true },
      { name: "VHOST", isDirectory: false },
      { name: "TLS", isDirectory: true },
      { name: "under_score", isDirectory: true },
      { name: "file-app", isDirectory: false },
    ];
    expect(appNamesIn(entries)).toEqual(["alpha", "zeta"]);
  });
});

describe("allApps", () => {
  test("returns no app when DOKKU_ROOT does not exist", () => {
    expect(allApps({ paths: { dokkuRoot: "/nonexistent/dokku-root", libRoot: "/x", logsDir: "/x" } })).toEqual([]);
  });

  test("counts an app dir that is a symlink to a directory", () => {
    using roots = tempRoots();
    using elsewhere = tempDir();
    mkdirSync(join(homeOf(roots.env), "plain"));
    symlinkSync(elsewhere.path, join(homeOf(roots.env), "linked"));
    writeFileSync(join(homeOf(roots.env), "ENV"), "");
    const { ctx } = testContext(roots.env);
    expect(allApps(ctx)).toEqual(["linked", "plain"]);
  });
});

describe("visibleApps", () => {
  test("returns every app when no user-auth-app handler is registered", async () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    await createApp(ctx, "one");
    await createApp(ctx, "two");
    expect(await visibleApps(ctx)).toEqual(["one", "two"]);
  });

  test("leaves out the apps a user-auth-app handler refuses", async () => {
    using roots = tempRoots();
    const { ctx } = testContext(roots.env);
    await createApp(ctx, "mine");
    await createApp(ctx, "theirs");
    ctx.bus.on("user-auth-app", "test", ({ apps }) => apps.filter((app) => app === "theirs"));
    expect(await visibleApps(ctx)).toEqual(["mine"]);
  });
});
