import type { Context } from "../../core/context";
import { verifyApp } from "../../core/app-guard";
import { DokkuError, fail } from "../../core/errors";
import { ARCHIVE_TYPES, ArchiveProblem, type ArchiveType } from "../../executors/archive/entries";
import { archiveUrlProblem, downloadArchive, readLimited } from "../../executors/archive/fetch-bytes";
import { readArchive } from "../../executors/archive/read-archive";
import { commonTopDir } from "../../executors/archive/validate";
import { writeEntries } from "../../executors/archive/write-entries";
import { tempBuildDir } from "./build-dir";
import { advanceBranch, commitDirectory, type Author } from "./commit-dir";
import { deployRev, recordDeploySource } from "./deploy-rev";
import { archiveLimits } from "./properties";
import { holdReceiveLock } from "./receive-lock";

export interface FromArchiveRequest {
  readonly app?: string;
  /** An http(s) URL, or `--` / `-` for stdin. */
  readonly source?: string;
  readonly type: string;
  readonly author?: Author;
  /** Standard input as bytes, read only for `--` / `-`. */
  readonly stdin: () => ReadableStream<Uint8Array>;
}

/**
 * `git:from-archive`: reads the archive (a URL or stdin) into memory within the size limit,
 * checks every entry, and only then writes the tree, commits it and deploys it, under the app's
 * receive lock (no push meanwhile); the deploy branch moves to the commit once it is deployed.
 * A refused archive or a failed deploy leaves the branch where it was.
 */
export async function deployFromArchive(ctx: Context, request: FromArchiveRequest): Promise<void> {
  const app = verifyApp(ctx, request.app);
  const source = request.source ?? "";
  if (source === "") fail("Please specify an archive url or -- to fetch the archive from stdin");
  const type = archiveType(request.type);
  const fromStdin = source === "--" || source === "-";
  const urlProblem = fromStdin ? undefined : archiveUrlProblem(source);
  if (urlProblem) fail(urlProblem, "bad-archive-url");
  const limits = archiveLimits(ctx);
  const entries = await refusing(async () => {
    ctx.out.step(fromStdin ? `Fetching ${type} file from stdin` : `Downloading ${type} file from ${source}`);
    const bytes = fromStdin
      ? await readLimited(request.stdin(), limits.maxBytes)
      : await downloadArchive(source, limits.maxBytes);
    ctx.out.step("Generating build context");
    return readArchive(bytes, type, limits);
  });
  using dir = tempBuildDir(app);
  const top = commonTopDir(entries);
  if (top !== "") ctx.out.detail("Stripping top-level archive folder components");
  writeEntries(dir.path, entries, top);
  using _receiving = await holdReceiveLock(ctx, app);
  const commit = await commitDirectory(
    ctx,
    app,
    dir.path,
    `Deploy ${type} archive from ${fromStdin ? "stdin" : source}`,
    request.author,
  );
  await deployRev(ctx, app, commit.rev, { origin: "archive" });
  await advanceBranch(ctx, app, commit);
  recordDeploySource(ctx, app, type, fromStdin ? "--" : source);
}

function archiveType(value: string): ArchiveType {
  if (!(ARCHIVE_TYPES as readonly string[]).includes(value)) {
    fail("Invalid archive type specified, valid archive types include: tar, tar.gz, zip", "bad-archive-type");
  }
  return value as ArchiveType;
}

/** An ArchiveProblem becomes the one-line refusal. */
async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ArchiveProblem) throw new DokkuError(error.message, { code: "archive-refused" });
    throw error;
  }
}
