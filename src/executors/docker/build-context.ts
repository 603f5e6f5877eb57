import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readlinkSync, readSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { hasExceptions, isIgnored, parseDockerignore, type IgnoreRule } from "../../builders/build-ignore";
import { TAR_END, tarHeader, tarPadding, type TarEntry } from "../../builders/build-tar";

/**
 * Bytes of file content read at a time, and what the context stream buffers ahead of its
 * reader: a context of any size is sent holding about this much file data (plus what the
 * HTTP client buffers, about the same), never a whole file.
 */
export const CONTEXT_CHUNK_BYTES = 64 * 1024;

/** Bytes sent between two hints to the garbage collector (see tarPieces). */
const RECLAIM_EVERY_BYTES = 4 * 1024 * 1024;
/** What one member counts for toward RECLAIM_EVERY_BYTES besides its bytes: its stat, path strings and header. */
const MEMBER_OVERHEAD_BYTES = 2 * 1024;

/** One member of a context: its tar entry and, for a file, where its bytes are. */
interface Member {
  readonly entry: TarEntry;
  readonly source?: string;
}

/**
 * The members of a directory's build context, in archive order: `.dockerignore` honoured as
 * the docker CLI does (the Dockerfile and `.dockerignore` are always sent), symlinks kept as
 * links, directories (empty ones too) with their modes. Metadata only: no file is read here.
 */
function* contextMembers(dir: string, dockerfile: string): Generator<Member> {
  let rules: IgnoreRule[] = [];
  try {
    rules = parseDockerignore(readFileSync(join(dir, ".dockerignore"), "utf8"));
  } catch {
    // no .dockerignore: send everything
  }
  const keep = new Set([dockerfile, ".dockerignore"]);
  const walkIgnored = hasExceptions(rules);
  function* walk(relative: string): Generator<Member> {
    for (const name of readdirSync(join(dir, relative)).sort()) {
      const path = relative === "" ? name : `${relative}/${name}`;
      const ignored = !keep.has(path) && isIgnored(rules, path);
      const source = join(dir, path);
      const stat = lstatSync(source);
      const mtime = Math.floor(stat.mtimeMs / 1000);
      if (stat.isDirectory()) {
        if (!ignored) yield { entry: { name: path, type: "directory", mode: stat.mode, size: 0, mtime } };
        if (!ignored || walkIgnored) yield* walk(path);
      } else if (ignored) continue;
      else if (stat.isSymbolicLink())
        yield {
          entry: { name: path, type: "symlink", mode: stat.mode, size: 0, mtime, linkname: readlinkSync(source) },
        };
      else if (stat.isFile())
        yield { entry: { name: path, type: "file", mode: stat.mode, size: stat.size, mtime }, source };
    }
  }
  yield* walk("");
}

/** The `size` bytes of a file, `chunkBytes` at a time; a file that is not `size` bytes long any more fails the context. */
function* fileChunks(source: string, name: string, size: number, chunkBytes: number): Generator<Uint8Array> {
  const fd = openSync(source, "r");
  try {
    for (let offset = 0; offset < size; ) {
      const buffer = Buffer.allocUnsafe(Math.min(chunkBytes, size - offset));
      const read = readSync(fd, buffer, 0, buffer.length, offset);
      if (read === 0) throw new Error(`build context: ${name} shrank while it was sent (${offset} of ${size} bytes)`);
      offset += read;
      yield read === buffer.length ? buffer : buffer.subarray(0, read);
    }
  } finally {
    closeSync(fd);
  }
}

/** Pieces smaller than `size` gathered into buffers of up to `size` bytes (fewer, larger writes); larger ones passed on. */
function* coalesce(pieces: Iterable<Uint8Array>, size: number): Generator<Uint8Array> {
  let batch: Uint8Array[] = [];
  let length = 0;
  const flush = () => {
    const out = Buffer.allocUnsafe(length);
    let offset = 0;
    for (const piece of batch) {
      out.set(piece, offset);
      offset += piece.length;
    }
    batch = [];
    length = 0;
    return out;
  };
  for (const piece of pieces) {
    if (length > 0 && length + piece.length > size) yield flush();
    if (piece.length >= size) yield piece;
    else if (piece.length > 0) {
      batch.push(piece);
      length += piece.length;
    }
  }
  if (length > 0) yield flush();
}

/**
 * The archive's pieces, with a hint to the collector every RECLAIM_EVERY_BYTES: the buffers the
 * stream and the HTTP client drop live outside the JS heap, where Bun's collector does not see
 * them add up, so a fast reader (dockerd takes 200 MB in about a second) would otherwise leave
 * hundreds of MiB of dead buffers resident. Each member also counts for the objects its walk
 * and its header make, which matter when there are many small files.
 */
function* tarPieces(members: Iterable<Member>, chunkBytes: number): Generator<Uint8Array> {
  let sinceReclaim = 0;
  const account = (bytes: number) => {
    sinceReclaim += bytes;
    if (sinceReclaim < RECLAIM_EVERY_BYTES) return;
    sinceReclaim = 0;
    Bun.gc(false);
  };
  for (const { entry, source } of members) {
    account(MEMBER_OVERHEAD_BYTES);
    yield tarHeader(entry);
    if (source === undefined) continue;
    for (const chunk of fileChunks(source, entry.name, entry.size, chunkBytes)) {
      account(chunk.length);
      yield chunk;
    }
    yield tarPadding(entry.size);
  }
  yield TAR_END;
}

/**
 * The build context of a directory as a tar stream (see contextMembers), made as its reader
 * asks for it: files are read `chunkBytes` at a time and the stream holds about that much
 * ahead, so memory stays flat whatever the size of the tree or of one file.
 */
export function packContext(dir: string, dockerfile: string, chunkBytes = CONTEXT_CHUNK_BYTES): Readable {
  return Readable.from(coalesce(tarPieces(contextMembers(dir, dockerfile), chunkBytes), chunkBytes), {
    objectMode: false,
    highWaterMark: chunkBytes,
  });
}

/** A context of one file (a generated Dockerfile). */
export function singleFileContext(name: string, content: string): Readable {
  const bytes = new TextEncoder().encode(content);
  const header = tarHeader({ name, type: "file", mode: 0o644, size: bytes.length, mtime: 0 });
  return Readable.from([header, bytes, tarPadding(bytes.length), TAR_END]);
}
