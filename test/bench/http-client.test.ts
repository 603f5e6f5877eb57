import { describe, expect, test } from "bun:test";
import { completeResponse, connectHttp } from "../../bench/lib/http-client";

const REQUEST = new TextEncoder().encode("GET / HTTP/1.1\r\nHost: test\r\n\r\n");
const OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

describe("completeResponse", () => {
  test("gives status, close and size once the Content-Length body is in, leaving what follows", () => {
    expect([completeResponse(OK.slice(0, -1)), completeResponse(`${OK}HTTP/1.1`)]).toEqual([
      undefined,
      { status: 200, close: false, size: OK.length },
    ]);
  });

  test("marks Connection: close and HTTP/1.0 without keep-alive as closing", () => {
    const close = "HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
    const old = "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n";
    const kept = "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n";
    expect([close, old, kept].map((text) => completeResponse(text)?.close)).toEqual([true, true, false]);
  });

  test("ends a chunked body at its last chunk, and a body without length only at EOF", () => {
    const chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n";
    const unsized = "HTTP/1.1 200 OK\r\n\r\nbody";
    expect([
      completeResponse(chunked.slice(0, -2)),
      completeResponse(chunked),
      completeResponse(unsized),
      completeResponse(unsized, true),
    ]).toEqual([
      undefined,
      { status: 200, close: false, size: chunked.length },
      undefined,
      { status: 200, close: true, size: unsized.length },
    ]);
  });

  test("refuses what is not an HTTP/1.x response", () => {
    expect(() => completeResponse("SSH-2.0-OpenSSH\r\n\r\n")).toThrow("not an HTTP/1.x response: SSH-2.0-OpenSSH");
  });
});

describe("connectHttp", () => {
  test("fails a request the server closes the kept-alive connection on, without resending it", async () => {
    let requests = 0;
    let connections = 0;
    using server = Bun.listen({
      hostname: "127.0.0.1",
      port: 0,
      socket: {
        open: () => void connections++,
        data(socket) {
          requests++;
          if (requests === 2) socket.end();
          else socket.write(OK);
        },
      },
    });
    const connection = await connectHttp("127.0.0.1", server.port, 5_000);
    const first = await connection.send(REQUEST);
    const second = await connection.send(REQUEST).then(
      () => "answered",
      (error: Error) => error.message,
    );
    expect({ first, second, closed: connection.closed, requests, connections }).toEqual({
      first: { status: 200, close: false, size: OK.length },
      second: "closed before the response",
      closed: true,
      requests: 2,
      connections: 1,
    });
  });

  test("release leaves the closing to the server, and closes after the grace when it does not", async () => {
    const closing = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
    const { promise: serverSawClose, resolve } = Promise.withResolvers<string>();
    using server = Bun.listen({
      hostname: "127.0.0.1",
      port: 0,
      socket: {
        data: (socket) => void socket.write(closing),
        close: () => resolve("closed by the client"),
      },
    });
    const connection = await connectHttp("127.0.0.1", server.port, 5_000);
    const response = await connection.send(REQUEST);
    connection.release(50);
    expect({ response, closed: connection.closed, server: await serverSawClose }).toEqual({
      response: { status: 200, close: true, size: closing.length },
      closed: true,
      server: "closed by the client",
    });
  });
});
