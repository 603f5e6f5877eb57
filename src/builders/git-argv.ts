/**
 * argv arrays for every git call the git plugin makes: never a shell string. Pure.
 * `--git-dir` is always explicit, so nothing depends on the current directory.
 */

/** `git init --bare` in the app dir (Dokku keeps the repo in `$DOKKU_ROOT/<app>` itself). */
export function initBareArgv(repo: string): string[] {
  return ["git", "init", "--quiet", "--bare", repo];
}

/** `git status` of the repo git finds from its working directory (git:status runs it in the app's repo). */
export function statusArgv(): string[] {
  return ["git", "status"];
}

/** The server side of `git push`: stdin and stdout belong to the client. */
export function receivePackArgv(repo: string): string[] {
  return ["git", "receive-pack", repo];
}

/** The server side of `git clone` / `git fetch`. */
export function uploadPackArgv(repo: string): string[] {
  return ["git", "upload-pack", repo];
}

/** The pushed tree as a tar stream on stdout. */
export function archiveArgv(repo: string, rev: string): string[] {
  return ["git", `--git-dir=${repo}`, "archive", "--format=tar", rev];
}

/** Unpacks a tar stream from stdin into `dir` (git's own archive: trusted, symlinks kept). */
export function untarArgv(dir: string): string[] {
  return ["tar", "-x", "-C", dir, "-f", "-"];
}

/** The commit a ref (branch or tag) points at; fails when it does not exist. */
export function revParseArgv(repo: string, ref: string): string[] {
  return ["git", `--git-dir=${repo}`, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`];
}

/** Whether `name` is a valid branch name (git check-ref-format --branch). */
export function checkBranchArgv(name: string): string[] {
  return ["git", "check-ref-format", "--branch", name];
}

/** Commits the tree of `workTree` (with a temp index from GIT_INDEX_FILE): add, write-tree, commit-tree, update-ref. */
export function addAllArgv(repo: string, workTree: string): string[] {
  return ["git", `--git-dir=${repo}`, `--work-tree=${workTree}`, "add", "--all", "--force", "."];
}

export function writeTreeArgv(repo: string): string[] {
  return ["git", `--git-dir=${repo}`, "write-tree"];
}

export function commitTreeArgv(repo: string, tree: string, parent: string | undefined, message: string): string[] {
  return ["git", `--git-dir=${repo}`, "commit-tree", tree, ...(parent ? ["-p", parent] : []), "-m", message];
}

/** `update-ref <ref> <rev> [<old>]`: with `old` ("" for a ref that must not exist yet), only if the ref still holds it. */
export function updateRefArgv(repo: string, ref: string, rev: string, old?: string): string[] {
  return ["git", `--git-dir=${repo}`, "update-ref", ref, rev, ...(old === undefined ? [] : [old])];
}

/** A `.git` for keep-git-dir: a fresh repo whose objects come in through alternates, then repacked. */
export function initWorkRepoArgv(dir: string): string[] {
  return ["git", "init", "--quiet", dir];
}

export function workRepoArgv(dir: string, ...args: string[]): string[] {
  return ["git", "-C", dir, ...args];
}

/** Every branch and tag of `source` into the bare repo `target` (apps:clone). */
export function fetchAllRefsArgv(target: string, source: string): string[] {
  return [
    "git",
    `--git-dir=${target}`,
    "fetch",
    "--quiet",
    "--no-tags",
    source,
    "+refs/heads/*:refs/heads/*",
    "+refs/tags/*:refs/tags/*",
  ];
}
