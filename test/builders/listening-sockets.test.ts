import { describe, expect, test } from "bun:test";
import { listeningProblem, parseListeningSockets, type ListeningSocket } from "../../src/builders/listening-sockets";

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0
   2: 0B00007F:A1B2 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3 1 0 100 0 0 10 0
   3: 0200A8C0:1388 0100A8C0:D431 01 00000000:00000000 00:00000000 00000000     0        0 4 1 0 100 0 0 10 0
   4: garbage
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:1389 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5 1 0 100 0 0 10 0
   1: 00000000000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 6 1 0 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:0051 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 7 1 0 100 0 0 10 0
   3: B80D0120000000000000000001000000:0052 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 8 1 0 100 0 0 10 0
`;

const v4 = (ip: string, port: number): ListeningSocket => ({ ip, port, ipv4: true });
const v6 = (ip: string, port: number): ListeningSocket => ({ ip, port, ipv4: false });

describe("parseListeningSockets", () => {
  test("reads the listening sockets of /proc/<pid>/net/tcp, skipping connections and garbage", () => {
    expect(parseListeningSockets(TCP)).toEqual([v4("0.0.0.0", 5000), v4("127.0.0.1", 8080), v4("127.0.0.11", 41394)]);
  });

  test("reads tcp6: the any address, loopback, an IPv4-mapped address and a global one", () => {
    expect(parseListeningSockets(TCP6)).toEqual([
      v6("::", 5001),
      v6("::1", 80),
      v4("::ffff:127.0.0.1", 81),
      v6("2001:db8::1", 82),
    ]);
  });

  test("reads nothing from an empty or headless file", () => {
    expect([parseListeningSockets(""), parseListeningSockets("header only\n")]).toEqual([[], []]);
  });
});

describe("listeningProblem", () => {
  test("passes a process on every interface at the port (IPv4 or IPv6), and one not listening yet (Docker's DNS aside)", () => {
    expect([
      listeningProblem([v4("127.0.0.1", 8080), v4("0.0.0.0", 5000)], 5000),
      listeningProblem([v6("::", 5000)], 5000),
      listeningProblem([], 5000),
      listeningProblem([v4("127.0.0.11", 41394)], 5000),
    ]).toEqual([undefined, undefined, undefined, undefined]);
  });

  test("names the port the process listens on instead, as Dokku's healthchecker", () => {
    expect([listeningProblem([v4("0.0.0.0", 5001)], 5000), listeningProblem([v6("::", 5001)], 5000)]).toEqual([
      "container listening on expected IPv4 interface with an unexpected port: expected=5000 actual=5001",
      "container listening on expected IPv6 interface with an unexpected port: expected=5000 actual=5001",
    ]);
  });

  test("names the interface when the port is right but the interface is not", () => {
    expect([
      listeningProblem([v4("0.0.0.0", 9000), v4("127.0.0.1", 5000)], 5000),
      listeningProblem([v6("::1", 5000)], 5000),
    ]).toEqual([
      "container listening on expected port (5000) with unexpected IPv4 interface: expected=0.0.0.0 actual=127.0.0.1",
      "container listening on expected port (5000) with unexpected IPv6 interface: expected=:: actual=::1",
    ]);
  });

  test("names both when neither matches", () => {
    expect([listeningProblem([v4("127.0.0.1", 8080)], 5000), listeningProblem([v6("::1", 8080)], 5000)]).toEqual([
      "container listening on unexpected IPv4 interface with an unexpected port: expected=0.0.0.0:5000 actual=127.0.0.1:8080",
      "container listening on unexpected IPv6 interface with an unexpected port: expected=:::5000 actual=::1:8080",
    ]);
  });
});
