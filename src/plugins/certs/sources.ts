import { readFileSync, statSync } from "node:fs";
import { fail, isDokkuError } from "../../core/errors";
import type { PemPair } from "../../builders/x509-pair";
import { ArchiveProblem } from "../../executors/archive/entries";
import { readLimited } from "../../executors/archive/fetch-bytes";
import { readArchive } from "../../executors/archive/read-archive";
import type { SafeEntry } from "../../executors/archive/validate";

/** A certificate, key or tar of them is small: anything larger is refused before it is read. */
export const MAX_CERT_INPUT_BYTES = 1024 * 1024;
const TAR_LIMITS = { maxBytes: MAX_CERT_INPUT_BYTES, maxFiles: 100 };
const NO_INPUT = "Tar archive containing server.crt and server.key expected on stdin";

/** Where `certs:add` takes the pair from: two file paths, else a tar on stdin (Dokku's order). */
export interface PairSource {
  readonly crtPath?: string;
  readonly keyPath?: string;
  readonly stdinIsTTY: boolean;
  /** Standard input as bytes, read only when no file pair is given. */
  readonly stdin: () => ReadableStream<Uint8Array>;
}

export async function readPemPair(source: PairSource): Promise<PemPair> {
  if (source.crtPath && source.keyPath) {
    const crt = readInputFile(source.crtPath, "CRT");
    const key = readInputFile(source.keyPath, "KEY");
    return { crt, key, crtName: source.crtPath, keyName: source.keyPath };
  }
  if (source.stdinIsTTY) fail(NO_INPUT);
  return pairFromTar(await readStdinTar(source.stdin));
}

function readInputFile(path: string, kind: "CRT" | "KEY"): string {
  const missing = `${kind} file specified not found, please check file paths`;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) fail(missing);
    if (stat.isFile() && stat.size > MAX_CERT_INPUT_BYTES)
      fail(`${kind} file ${path} is larger than ${MAX_CERT_INPUT_BYTES} bytes`);
    return readFileSync(path, "utf8");
  } catch (error) {
    if (!isDokkuError(error) && error instanceof Error && "code" in error) fail(missing);
    throw error;
  }
}

async function readStdinTar(stdin: () => ReadableStream<Uint8Array>): Promise<SafeEntry[]> {
  try {
    const bytes = await readLimited(stdin(), MAX_CERT_INPUT_BYTES);
    if (bytes.length === 0) fail(NO_INPUT);
    return readArchive(bytes, "tar", TAR_LIMITS);
  } catch (error) {
    if (error instanceof ArchiveProblem) fail(error.message, "bad-archive");
    throw error;
  }
}

/**
 * The one `.crt` and one `.key` file of the archive, wherever they are (Dokku: `find` of files
 * not under a hidden name), refused when either is missing or there are several. Pure.
 */
export function pairFromTar(entries: readonly SafeEntry[]): PemPair {
  const files = entries.filter(
    (entry) => entry.type === "file" && !entry.path.split("/").some((part) => part.startsWith(".")),
  );
  const crt = onlyOne(files, ".crt");
  const key = onlyOne(files, ".key");
  const text = (entry: SafeEntry) => new TextDecoder().decode(entry.data?.() ?? new Uint8Array());
  return { crt: text(crt), key: text(key), crtName: `${crt.path} (tar archive)`, keyName: `${key.path} (tar archive)` };
}

function onlyOne(files: readonly SafeEntry[], suffix: ".crt" | ".key"): SafeEntry {
  const found = files.filter((entry) => entry.path.endsWith(suffix));
  if (found.length < 1) fail(`Tar archive is missing ${suffix} file`, "bad-archive");
  if (found.length > 1) fail(`Tar archive contains more than one ${suffix} file`, "bad-archive");
  return found[0] as SafeEntry;
}
