import { describe, expect, test } from "bun:test";
import {
  assertNoReuse,
  formatPortMap,
  parsePortMap,
  parsePortMapRemoval,
  portMapsFromExposedPorts,
  portMapsJson,
  portMapTable,
  reusedSchemeHostPort,
  sortPortMaps,
  uniquePortMaps,
  withoutPortMaps,
  withTlsPortMaps,
  type PortMap,
} from "../../src/builders/port-map";
import { dokkuErrorOf } from "../harness";

const http = (host: number, container: number): PortMap => ({ scheme: "http", host, container });
const https = (host: number, container: number): PortMap => ({ scheme: "https", host, container });

describe("parsePortMap", () => {
  test("reads scheme:host:container", () => {
    expect([parsePortMap("http:80:5000"), parsePortMap("https:443:8443"), parsePortMap("http:65535:1")]).toEqual([
      http(80, 5000),
      https(443, 8443),
      http(65535, 1),
    ]);
  });

  test.each([
    ["", "Invalid port map  [len=1]"],
    ["80", "Invalid port map 80 [len=1]"],
    ["http:80", "Invalid port map http:80 [len=2]"],
    ["http:80:5000:1", "Invalid port map http:80:5000:1 [len=4]"],
    ["udp:53:53", "Invalid port map udp:53:53 [scheme=udp; valid schemes: http, https]"],
    ["grpc:50051:50051", "Invalid port map grpc:50051:50051 [scheme=grpc; valid schemes: http, https]"],
    ["HTTP:80:5000", "Invalid port map HTTP:80:5000 [scheme=HTTP; valid schemes: http, https]"],
    [":80:5000", "Invalid port map :80:5000 [scheme=; valid schemes: http, https]"],
    ["http::5000", "Invalid port map http::5000 [hostPort=]"],
    ["http:0:5000", "Invalid port map http:0:5000 [hostPort=0]"],
    ["http:65536:5000", "Invalid port map http:65536:5000 [hostPort=65536]"],
    ["http:-1:5000", "Invalid port map http:-1:5000 [hostPort=-1]"],
    ["http:+80:5000", "Invalid port map http:+80:5000 [hostPort=+80]"],
    ["http:080:5000", "Invalid port map http:080:5000 [hostPort=080]"],
    ["http:8.0:5000", "Invalid port map http:8.0:5000 [hostPort=8.0]"],
    ["http:1e3:5000", "Invalid port map http:1e3:5000 [hostPort=1e3]"],
    ["http: 80:5000", "Invalid port map http: 80:5000 [hostPort= 80]"],
    ["http:abc:5000", "Invalid port map http:abc:5000 [hostPort=abc]"],
    ["http:80:0", "Invalid port map http:80:0 [containerPort=0]"],
    ["http:80:99999", "Invalid port map http:80:99999 [containerPort=99999]"],
    ["http:80:", "Invalid port map http:80: [containerPort=]"],
    ["http:80:5000x", "Invalid port map http:80:5000x [containerPort=5000x]"],
  ])("refuses %p", (text, message) => {
    expect(dokkuErrorOf(() => parsePortMap(text))).toBe(message);
  });
});

describe("parsePortMapRemoval", () => {
  test("reads a bare host port or a whole map", () => {
    expect([parsePortMapRemoval("8080"), parsePortMapRemoval("http:80:5000")]).toEqual([
      { kind: "host", host: 8080 },
      { kind: "map", map: http(80, 5000) },
    ]);
  });

  test.each([
    ["0", "Invalid port map 0 [hostPort=0]"],
    ["abc", "Invalid port map abc [hostPort=abc]"],
    ["http:80", "Invalid port map http:80 [len=2]"],
  ])("refuses %p", (text, message) => {
    expect(dokkuErrorOf(() => parsePortMapRemoval(text))).toBe(message);
  });
});

describe("formatPortMap and sortPortMaps", () => {
  test("round-trips and sorts by text as Dokku stores maps (8080 before 80: '8' < ':')", () => {
    const maps = [https(443, 5000), http(80, 5000), http(8080, 5000)];
    expect(sortPortMaps(maps).map(formatPortMap)).toEqual(["http:8080:5000", "http:80:5000", "https:443:5000"]);
  });
});

describe("reusedSchemeHostPort and assertNoReuse", () => {
  test("finds a scheme:host-port used twice, identical maps included", () => {
    expect([
      reusedSchemeHostPort([http(80, 5000), http(80, 3000)]),
      reusedSchemeHostPort([http(80, 5000), http(80, 5000)]),
      reusedSchemeHostPort([http(80, 5000), https(80, 5000), http(81, 5000)]),
    ]).toEqual(["http:80", "http:80", undefined]);
  });

  test("refuses in Dokku's words", () => {
    expect([
      dokkuErrorOf(() => assertNoReuse([http(80, 1), http(80, 2)], "new")),
      dokkuErrorOf(() => assertNoReuse([http(80, 1), http(80, 2)], "all")),
      dokkuErrorOf(() => assertNoReuse([http(80, 1), http(80, 2)])),
    ]).toEqual([
      "Error validating new port mappings: The same scheme:host-port is being reused: http:80",
      "Error validating all port mappings: The same scheme:host-port is being reused: http:80",
      "Error validating port mappings: The same scheme:host-port is being reused: http:80",
    ]);
  });
});

describe("withoutPortMaps", () => {
  test("removes whole maps and every map of a bare host port", () => {
    const current = [http(80, 5000), https(443, 5000), http(8080, 3000), https(8080, 3000)];
    expect(
      withoutPortMaps(current, [
        { kind: "map", map: http(80, 5000) },
        { kind: "host", host: 8080 },
      ]),
    ).toEqual([https(443, 5000)]);
  });

  test("leaves maps that only share the host port with a named map", () => {
    expect(withoutPortMaps([http(80, 5000), http(80, 3000)], [{ kind: "map", map: http(80, 3000) }])).toEqual([
      http(80, 5000),
    ]);
  });
});

describe("uniquePortMaps", () => {
  test("keeps the first map of each scheme:host-port", () => {
    expect(uniquePortMaps([http(80, 5000), http(80, 3000), https(80, 3000)])).toEqual([
      http(80, 5000),
      https(80, 3000),
    ]);
  });
});

describe("portMapsFromExposedPorts", () => {
  test("maps each TCP port to itself over http, 443 over https, sorted", () => {
    expect(portMapsFromExposedPorts(["8080/tcp", "443/tcp", "3000"])).toEqual([
      http(3000, 3000),
      http(8080, 8080),
      https(443, 443),
    ]);
  });

  test("skips UDP and unreadable ports", () => {
    expect(portMapsFromExposedPorts(["53/udp", "x/tcp", "0/tcp", "70000/tcp", "5000/sctp"])).toEqual([]);
  });

  test("gives nothing for an image without EXPOSE", () => {
    expect(portMapsFromExposedPorts([])).toEqual([]);
  });
});

describe("withTlsPortMaps", () => {
  test("adds https on the ssl port for each http:80 map", () => {
    expect(withTlsPortMaps([http(80, 5000), http(8080, 8080)], 443)).toEqual([
      http(80, 5000),
      http(8080, 8080),
      https(443, 5000),
    ]);
  });

  test("turns http maps into https when none listens on 80", () => {
    expect(withTlsPortMaps([http(8080, 8080), https(8443, 8443)], 443)).toEqual([https(8080, 8080), https(8443, 8443)]);
  });
});

describe("portMapsJson", () => {
  test("uses Dokku's field names", () => {
    expect([portMapsJson([http(80, 5000)]), portMapsJson([])]).toEqual([
      '[{"scheme":"http","host_port":80,"container_port":5000}]',
      "[]",
    ]);
  });
});

describe("portMapTable", () => {
  test("aligns the header and the sorted rows, indented", () => {
    expect(portMapTable([https(443, 5000), http(80, 5000)], true)).toEqual([
      "    -----> scheme  host port  container port",
      "    http           80         5000",
      "    https          443        5000",
    ]);
  });

  test("leaves the header out when quiet", () => {
    expect(portMapTable([http(81, 5000), http(443, 5000)], false)).toEqual([
      "    http  443  5000",
      "    http  81   5000",
    ]);
  });
});
