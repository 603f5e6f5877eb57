import { chownSync, statSync } from "node:fs";

/** The uid/gid that state files must belong to. */
export interface StateOwner {
  readonly uid: number;
  readonly gid: number;
}

/**
 * When root runs a command, the state it writes must still belong to the user that owns the
 * state roots (the `dokku` user on a real install), or the SSH path could not read it.
 * The owner is read from the roots themselves, so tests in temp dirs need no `dokku` user.
 * Returns undefined when no chown is needed (not root, or the roots belong to root).
 */
export function stateOwnerFromRoots(roots: readonly string[], uid = process.getuid?.() ?? -1): StateOwner | undefined {
  if (uid !== 0) return undefined;
  for (const root of roots) {
    try {
      const stat = statSync(root);
      if (stat.uid !== 0) return { uid: stat.uid, gid: stat.gid };
    } catch {
      // a root that does not exist yet has no owner to follow
    }
  }
  return undefined;
}

export function chownTo(path: string, owner: StateOwner | undefined): void {
  if (owner) chownSync(path, owner.uid, owner.gid);
}
