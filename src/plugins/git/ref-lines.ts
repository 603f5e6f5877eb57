import { fail } from "../../core/errors";

/** One line git hands a pre-receive hook: `<oldrev> <newrev> <refname>`. */
export interface RefUpdate {
  readonly oldrev: string;
  readonly newrev: string;
  readonly refname: string;
}

const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const ZERO_ID = /^0+$/;

/** Parses the hook's stdin; a line that is not three fields of ids and a ref is an error. Pure. */
export function parseRefLines(text: string): RefUpdate[] {
  const updates: RefUpdate[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const [oldrev = "", newrev = "", refname = "", ...rest] = line.trim().split(/\s+/);
    if (rest.length > 0 || !OBJECT_ID.test(oldrev) || !OBJECT_ID.test(newrev) || !refname.startsWith("refs/")) {
      fail(`Unexpected ref update line from git: '${line}'`, "bad-ref-line");
    }
    updates.push({ oldrev, newrev, refname });
  }
  return updates;
}

/** Whether a ref (its commit now, undefined when absent) still holds the `oldrev` a push was based on. Pure. */
export function refStillAt(now: string | undefined, oldrev: string): boolean {
  return ZERO_ID.test(oldrev) ? now === undefined : now === oldrev;
}

/** What a pushed ref means for the app. */
export type PushDecision =
  /** The deploy branch (or a tag of that name) moved: deploy `rev`. */
  | { readonly action: "deploy"; readonly rev: string }
  /** No deploy branch was ever chosen: this branch becomes it, then deploy. */
  | { readonly action: "set-branch-and-deploy"; readonly branch: string; readonly rev: string }
  /** Another branch: accepted and kept, not deployed. */
  | { readonly action: "warn-other-branch"; readonly pushed: string; readonly deployBranch: string }
  /** A deleted ref, or a ref outside heads and tags: nothing to build. */
  | { readonly action: "ignore" };

/**
 * Dokku's git-hook decision: a push to `refs/heads/<branch>` or `refs/tags/<branch>` deploys;
 * when neither the app nor --global names a branch, the first push sets it (so a new app deploys
 * from main or master alike); any other branch gets a warning. `configured` is the deploy branch
 * set so far (undefined: none). Pure.
 */
export function decidePush(update: RefUpdate, configured: string | undefined): PushDecision {
  if (ZERO_ID.test(update.newrev)) return { action: "ignore" };
  const name = shortRefName(update.refname);
  if (name === undefined) return { action: "ignore" };
  if (configured === undefined) return { action: "set-branch-and-deploy", branch: name, rev: update.newrev };
  if (name === configured) return { action: "deploy", rev: update.newrev };
  return { action: "warn-other-branch", pushed: name, deployBranch: configured };
}

/** `refs/heads/main` -> `main`, `refs/tags/v1` -> `v1`; other refs -> undefined. Pure. */
export function shortRefName(refname: string): string | undefined {
  for (const prefix of ["refs/heads/", "refs/tags/"]) {
    if (refname.startsWith(prefix) && refname.length > prefix.length) return refname.slice(prefix.length);
  }
  return undefined;
}
