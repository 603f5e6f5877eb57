/**
 * A minimal HTTP/1.1 keep-alive client over Bun's TCP sockets for the load benches. Unlike
 * fetch, it never retries: a request written to a kept-alive connection that the server closes
 * (or resets) before answering fails, as it does for wrk. fetch silently resends such a request
 * on a new connection, which would hide exactly the drops a zero-downtime bench looks for.
 */

export interface ParsedResponse {
  readonly status: number;
  /** The server closes the connection after this response. */
  readonly close: boolean;
  /** Bytes of the buffer this response took. */
  readonly size: number;
}

/**
 * The complete response at the start of `text` (bytes as latin1), undefined while more is to
 * come; `atEof`: the server closed, which ends a body that has no length. Throws on a status line
 * that is not HTTP/1.x. Pure.
 */
export function completeResponse(text: string, atEof = false): ParsedResponse | undefined {
  const headerEnd = text.indexOf("\r\n\r\n");
  if (headerEnd === -1) return undefined;
  const [statusLine = "", ...lines] = text.slice(0, headerEnd).split("\r\n");
  const match = /^HTTP\/1\.([01]) (\d{3})/.exec(statusLine);
  if (!match) throw new Error(`not an HTTP/1.x response: ${statusLine.slice(0, 60)}`);
  const headers = new Map(
    lines.map((line) => [
      line.slice(0, line.indexOf(":")).trim().toLowerCase(),
      line
        .slice(line.indexOf(":") + 1)
        .trim()
        .toLowerCase(),
    ]),
  );
  const status = Number(match[2]);
  const connection = headers.get("connection") ?? "";
  const close = connection.includes("close") || (match[1] === "0" && !connection.includes("keep-alive"));
  const bodyStart = headerEnd + 4;
  if ((status >= 100 && status < 200) || status === 204 || status === 304) return { status, close, size: bodyStart };
  const length = headers.get("content-length");
  if (length !== undefined)
    return text.length >= bodyStart + Number(length) ? { status, close, size: bodyStart + Number(length) } : undefined;
  if ((headers.get("transfer-encoding") ?? "").includes("chunked")) {
    const body = text.slice(bodyStart);
    const last = body.startsWith("0\r\n\r\n") ? 0 : body.indexOf("\r\n0\r\n\r\n");
    if (last === -1) return undefined;
    return { status, close, size: bodyStart + last + (last === 0 ? 5 : 7) };
  }
  return atEof ? { status, close: true, size: text.length } : undefined;
}

export interface HttpConnection {
  /** Writes one request and waits for its response; rejects when the connection ends or fails first, or after `timeoutMs`. */
  send(request: Uint8Array): Promise<ParsedResponse>;
  /** The server closed it (or it failed): open a new one. */
  readonly closed: boolean;
  close(): void;
  /**
   * After a response that says the server closes: leaves the closing to the server, so the
   * TIME_WAIT socket is the server's, not one of this host's ephemeral ports (an actively
   * closing client runs out of them toward one address); closes it after `graceMs` otherwise.
   */
  release(graceMs?: number): void;
}

interface Pending {
  resolve(response: ParsedResponse): void;
  reject(error: Error): void;
  timer: Timer;
}

/** Opens a connection; rejects with the socket error (ECONNREFUSED ...). */
export async function connectHttp(hostname: string, port: number, timeoutMs: number): Promise<HttpConnection> {
  let buffer = "";
  let closed = false;
  let failure: string | undefined;
  let pending: Pending | undefined;
  let releaseTimer: Timer | undefined;
  const settle = (outcome: ParsedResponse | Error) => {
    const waiting = pending;
    if (!waiting) return;
    pending = undefined;
    clearTimeout(waiting.timer);
    if (outcome instanceof Error) waiting.reject(outcome);
    else waiting.resolve(outcome);
  };
  const advance = (atEof: boolean) => {
    if (!pending) return;
    try {
      const response = completeResponse(buffer, atEof);
      if (response) {
        buffer = buffer.slice(response.size);
        settle(response);
      } else if (atEof)
        settle(new Error(failure ?? (buffer === "" ? "closed before the response" : "closed in the response")));
    } catch (error) {
      settle(error as Error);
    }
  };
  const ended = () => {
    closed = true;
    clearTimeout(releaseTimer);
    advance(true);
  };
  const socket = await Bun.connect({
    hostname,
    port,
    socket: {
      data(_socket, chunk) {
        buffer += chunk.toString("latin1");
        advance(false);
      },
      end: ended,
      close: ended,
      error(_socket, error) {
        failure = (error as NodeJS.ErrnoException).code ?? error.message;
        ended();
      },
    },
  });
  return {
    send(request) {
      if (closed) return Promise.reject(new Error(failure ?? "closed before the request"));
      return new Promise<ParsedResponse>((resolve, reject) => {
        const timer = setTimeout(() => {
          closed = true;
          settle(new Error("timeout"));
          socket.end();
        }, timeoutMs);
        pending = { resolve, reject, timer };
        if (socket.write(request) !== request.byteLength) settle(new Error("short write"));
      });
    },
    get closed() {
      return closed;
    },
    close() {
      closed = true;
      socket.end();
    },
    release(graceMs = 1_000) {
      if (closed) return;
      closed = true;
      releaseTimer = setTimeout(() => socket.end(), graceMs);
    },
  };
}
