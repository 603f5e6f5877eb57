import { ArchiveProblem } from "./entries";

/** Reads a stream to its end, refusing (and cancelling it) past `maxBytes`. */
export async function readLimited(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new ArchiveProblem(`Archive exceeds maximum allowed size of ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** Why `url` cannot be downloaded from (only http and https), or undefined. Pure. */
export function archiveUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `Invalid archive url: ${url}`;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return `Archive url must use http or https: ${url}`;
  return undefined;
}

/** Downloads an archive over http(s), following redirects, within the size limit. */
export async function downloadArchive(url: string, maxBytes: number): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: "follow" });
  } catch (error) {
    throw new ArchiveProblem(`Failed to download ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok || response.body === null)
    throw new ArchiveProblem(`Failed to download ${url}: HTTP ${response.status}`);
  const declared = Number(response.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body.cancel().catch(() => {});
    throw new ArchiveProblem(`Archive exceeds maximum allowed size of ${maxBytes} bytes`);
  }
  return await readLimited(response.body, maxBytes);
}
