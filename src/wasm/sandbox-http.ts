/**
 * `dokku_http` made synchronous. Host functions must answer before the wasm call continues, and
 * Extism runs on the child's main thread, so the request is made by a short-lived grandchild
 * (`dokku __wasm-sandbox http`): the request on its stdin, the answer on its stdout, killed at the
 * call's deadline. It inherits the child's environment (nothing of the parent's) and memory limit.
 */
import type { HttpAnswer, HttpRequest } from "./host-functions";
import { SANDBOX_COMMAND, selfCommand } from "./sandbox-protocol";

const MAX_RESPONSE_BYTES = 1024 * 1024;

interface WireRequest extends HttpRequest {
  readonly timeoutMs: number;
}

/** Makes the request in a grandchild, waiting at most `timeoutMs`. */
export function httpRequestSync(request: HttpRequest, timeoutMs: number): HttpAnswer {
  const wire: WireRequest = { ...request, timeoutMs };
  const result = Bun.spawnSync([...selfCommand(), SANDBOX_COMMAND, "http"], {
    stdin: Buffer.from(JSON.stringify(wire)),
    stdout: "pipe",
    stderr: "pipe",
    env: process.env as Record<string, string>,
    timeout: timeoutMs,
    killSignal: "SIGKILL",
  });
  if (result.exitCode !== 0) {
    if (result.signalCode) return { error: `request timed out after ${timeoutMs} ms` };
    return { error: `request failed: ${lastLine(result.stderr.toString()) || `exit ${result.exitCode}`}` };
  }
  try {
    return JSON.parse(result.stdout.toString()) as HttpAnswer;
  } catch {
    return { error: "request failed: no answer" };
  }
}

/** The grandchild: reads one request from stdin, prints the answer as JSON. */
export async function serveHttpRequest(): Promise<void> {
  const wire = JSON.parse(await Bun.stdin.text()) as WireRequest;
  const answer = await fetchAnswer(wire);
  process.stdout.write(JSON.stringify(answer));
}

async function fetchAnswer(wire: WireRequest): Promise<HttpAnswer> {
  try {
    const response = await fetch(wire.url, {
      method: wire.method,
      headers: wire.headers,
      body: wire.body ?? undefined,
      redirect: "manual",
      signal: AbortSignal.timeout(wire.timeoutMs),
    });
    const body = await readCapped(response);
    if (body === undefined) return { error: "response body larger than 1 MiB" };
    return { status: response.status, body };
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError")
      return { error: `request timed out after ${wire.timeoutMs} ms` };
    return { error: `request failed: ${(error as Error).message}` };
  }
}

async function readCapped(response: Response): Promise<string | undefined> {
  if (!response.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function lastLine(text: string): string {
  return text.trim().split("\n").pop() ?? "";
}
