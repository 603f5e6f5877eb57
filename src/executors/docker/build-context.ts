import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { hasExceptions, isIgnored, parseDockerignore, type IgnoreRule } from "../../builders/build-ignore";
import { TAR_END, tarHeader, tarPadding } from "../../builders/build-tar";

/**
 * The build context of a directory as a tar stream: `.dockerignore` honoured as the docker CLI
 * does (the Dockerfile and `.dockerignore` are always sent), symlinks kept as links, files
 * read one at a time.
 */
export function packContext(dir: string, dockerfile: string): Readable {
  let rules: IgnoreRule[] = [];
  try {
    rules = parseDockerignore(readFileSync(join(dir, ".dockerignore"), "utf8"));
  } catch {
    // no .dockerignore: send everything
  }
  const keep = new Set([dockerfile, ".dockerignore"]);
  const walkIgnored = hasExceptions(rules);
  function* walk(relative: string): Generator<Uint8Array> {
    for (const name of readdirSync(join(dir, relative)).sort()) {
      const path = relative === "" ? name : `${relative}/${name}`;
      const ignored = !keep.has(path) && isIgnored(rules, path);
      const stat = lstatSync(join(dir, path));
      const mtime = Math.floor(stat.mtimeMs / 1000);
      if (stat.isDirectory()) {
        if (!ignored) yield tarHeader({ name: path, type: "directory", mode: stat.mode, size: 0, mtime });
        if (!ignored || walkIgnored) yield* walk(path);
      } else if (ignored) continue;
      else if (stat.isSymbolicLink()) {
        yield tarHeader({ name: path, type: "symlink", mode: stat.mode, size: 0, mtime, linkname: readlinkSync(join(dir, path)) });
      } else if (stat.isFile()) {
        const content = readFileSync(join(dir, path));
        yield tarHeader({ name: path, type: "file", mode: stat.mode, size: content.length, mtime });
        yield content;
        yield tarPadding(content.length);
      }
    }
  }
  return Readable.from(
    (function* () {
      yield* walk("");
      yield TAR_END;
    })(),
  );
}

/** A context of one file (a generated Dockerfile). */
export function singleFileContext(name: string, content: string): Readable {
  const bytes = new TextEncoder().encode(content);
  const header = tarHeader({ name, type: "file", mode: 0o644, size: bytes.length, mtime: 0 });
  return Readable.from([header, bytes, tarPadding(bytes.length), TAR_END]);
}
