import { gunzipSync } from "node:zlib";
import { ArchiveProblem, type ArchiveLimits, type ArchiveType } from "./entries";
import { readTar } from "./tar";
import { validateEntries, type SafeEntry } from "./validate";
import { readZip } from "./zip";

/** Room for tar's own headers and padding when a gzip stream is unpacked. */
const TAR_OVERHEAD_PER_ENTRY = 1536;

/**
 * Reads and checks a whole archive in memory: every entry is validated before the caller
 * writes anything. A gzip stream is never unpacked past the size limit. Pure.
 */
export function readArchive(bytes: Uint8Array, type: ArchiveType, limits: ArchiveLimits): SafeEntry[] {
  if (bytes.length > limits.maxBytes) tooBig(limits);
  if (type === "zip") return validateEntries(readZip(bytes, limits.maxFiles), limits);
  return validateEntries(readTar(type === "tar.gz" ? gunzip(bytes, limits) : bytes), limits);
}

/**
 * Which compressed archive the bytes are, from their magic number: gzip (read as a .tar.gz) or
 * a zip's first local header. A plain tar has no magic at its start and is never guessed. Pure.
 */
export function sniffArchiveType(bytes: Uint8Array): "tar.gz" | "zip" | undefined {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return "tar.gz";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "zip";
  return undefined;
}

function gunzip(bytes: Uint8Array, limits: ArchiveLimits): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: limits.maxBytes + (limits.maxFiles + 2) * TAR_OVERHEAD_PER_ENTRY });
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") tooBig(limits);
    throw new ArchiveProblem("Archive is not a valid gzip file");
  }
}

function tooBig(limits: ArchiveLimits): never {
  throw new ArchiveProblem(`Archive exceeds maximum allowed size of ${limits.maxBytes} bytes`);
}
