import { describe, expect, test } from "bun:test";
import { chownSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { atomicWriteFileSync, ensureDir } from "../../src/store/atomic-write";
import { tryLock } from "../../src/store/file-lock";
import { stateOwnerFromRoots } from "../../src/store/ownership";
import { PropertyStore } from "../../src/store/property-store";
import { tempDir } from "../harness";

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

/** A temp state root owned by uid/gid 65534, as /var/lib/dokku is owned by dokku. */
function nobodyRoot() {
  const dir = tempDir();
  const root = join(dir.path, "lib");
  mkdirSync(root);
  chownSync(root, NOBODY, NOBODY);
  return { root, [Symbol.dispose]: () => dir[Symbol.dispose]() };
}

function ownerOf(path: string): string {
  const stat = statSync(path);
  return `${stat.uid}:${stat.gid}`;
}

describe("stateOwnerFromRoots", () => {
  test("needs no owner when not running as root", () => {
    using state = nobodyRoot();
    expect(stateOwnerFromRoots([state.root], 1000)).toBeUndefined();
  });

  test("needs no owner when the roots belong to root or do not exist", () => {
    using dir = tempDir();
    expect(stateOwnerFromRoots([join(dir.path, "missing"), dir.path], 0)).toBeUndefined();
  });

  test.if(asRoot)("follows the first root not owned by root", () => {
    using dir = tempDir();
    using state = nobodyRoot();
    expect(stateOwnerFromRoots([join(dir.path, "missing"), dir.path, state.root])).toEqual({
      uid: NOBODY,
      gid: NOBODY,
    });
  });

  test.if(asRoot)("hands atomic writes and the directories created for them to the owner", () => {
    using state = nobodyRoot();
    const owner = stateOwnerFromRoots([state.root]);
    atomicWriteFileSync(join(state.root, "a", "b", "value"), "x", { owner, mode: 0o600 });
    expect(ownerOf(join(state.root, "a"))).toBe(`${NOBODY}:${NOBODY}`);
    expect(ownerOf(join(state.root, "a", "b"))).toBe(`${NOBODY}:${NOBODY}`);
    expect(ownerOf(join(state.root, "a", "b", "value"))).toBe(`${NOBODY}:${NOBODY}`);
    ensureDir(join(state.root, "c", "d"), owner);
    expect(ownerOf(join(state.root, "c"))).toBe(`${NOBODY}:${NOBODY}`);
    expect(ownerOf(join(state.root, "c", "d"))).toBe(`${NOBODY}:${NOBODY}`);
  });

  test.if(asRoot)("leaves existing directories above the created ones alone", () => {
    using dir = tempDir();
    const owner = { uid: NOBODY, gid: NOBODY };
    ensureDir(join(dir.path, "x", "y"), owner);
    expect(ownerOf(dir.path)).toBe("0:0");
    expect(ownerOf(join(dir.path, "x"))).toBe(`${NOBODY}:${NOBODY}`);
  });

  test.if(asRoot)("gives the owner every property the store writes, copies and renames", () => {
    using state = nobodyRoot();
    const store = new PropertyStore(join(state.root, "config"), stateOwnerFromRoots([state.root]));
    store.set("config", "web", "env", "{}");
    store.copyScope("web", "web-2");
    store.renameScope("web-2", "web-3");
    const paths = readdirSync(join(state.root, "config"), { recursive: true }).map(String);
    expect(paths.sort()).toEqual(["config", "config/web", "config/web-3", "config/web-3/env", "config/web/env"]);
    for (const path of paths)
      expect(`${path} ${ownerOf(join(state.root, "config", path))}`).toBe(`${path} ${NOBODY}:${NOBODY}`);
  });

  test.if(asRoot)("hands a new lock file to the owner", () => {
    using state = nobodyRoot();
    using lock = tryLock(join(state.root, "locks", "web.lock"), { uid: NOBODY, gid: NOBODY });
    expect(lock).toBeDefined();
    expect(ownerOf(join(state.root, "locks"))).toBe(`${NOBODY}:${NOBODY}`);
    expect(ownerOf(join(state.root, "locks", "web.lock"))).toBe(`${NOBODY}:${NOBODY}`);
  });
});
