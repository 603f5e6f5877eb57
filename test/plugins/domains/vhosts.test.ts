import { describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { appVhosts, globalDomains } from "../../../src/plugins/domains/vhosts";
import { tempRoots } from "../../harness";
import { testContext } from "../apps/context";

function setup(roots: ReturnType<typeof tempRoots>, files: { global?: string; app?: string; env?: string }) {
  const home = roots.env.DOKKU_ROOT as string;
  mkdirSync(join(home, "shop"), { recursive: true });
  if (files.global !== undefined) writeFileSync(join(home, "VHOST"), files.global);
  if (files.app !== undefined) writeFileSync(join(home, "shop", "VHOST"), files.app);
  if (files.env !== undefined) {
    const dir = join(roots.env.DOKKU_LIB_ROOT as string, "config/shop");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "ENV"), files.env);
  }
  return testContext(roots.env).ctx;
}

describe("globalDomains", () => {
  test("reads the valid lines of $DOKKU_ROOT/VHOST, lowercased, once each", () => {
    using roots = tempRoots();
    const ctx = setup(roots, { global: "Dokku.me\n\n bad domain \n10.0.0.1\ndokku.me\n" });
    expect(globalDomains(ctx)).toEqual(["dokku.me", "10.0.0.1"]);
  });

  test("is empty without the file", () => {
    using roots = tempRoots();
    expect(globalDomains(setup(roots, {}))).toEqual([]);
  });
});

describe("appVhosts", () => {
  test("serves the app's VHOST file, leaving out lines that are no domains", () => {
    using roots = tempRoots();
    const ctx = setup(roots, { global: "dokku.me\n", app: "shop.dokku.me\nWWW.Example.com\nbad;name\n" });
    expect(appVhosts(ctx, "shop")).toEqual(["shop.dokku.me", "www.example.com"]);
  });

  test("gives the default vhosts to an app without a VHOST file", () => {
    using roots = tempRoots();
    const ctx = setup(roots, { global: "dokku.me\n10.0.0.1\ndokku.org\n" });
    expect(appVhosts(ctx, "shop")).toEqual(["shop.dokku.me", "shop.dokku.org"]);
  });

  test("gives nothing for an empty VHOST file (domains:clear), nor without global domains", () => {
    using roots = tempRoots();
    const cleared = setup(roots, { global: "dokku.me\n", app: "" });
    expect(appVhosts(cleared, "shop")).toEqual([]);
    using bare = tempRoots();
    expect(appVhosts(setup(bare, {}), "shop")).toEqual([]);
  });

  test("gives nothing when the app's vhosts are disabled (NO_VHOST=1, also in Dokku's ENV format)", () => {
    using roots = tempRoots();
    const ctx = setup(roots, { global: "dokku.me\n", app: "shop.dokku.me\n", env: 'export NO_VHOST="1"\n' });
    expect(appVhosts(ctx, "shop")).toEqual([]);
  });
});
