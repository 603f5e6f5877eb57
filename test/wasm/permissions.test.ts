import { describe, expect, test } from "bun:test";
import { parseInstallArgs } from "../../src/wasm/install-args";
import {
  describeGrants,
  describePermissions,
  effectiveGrants,
  isValidNetHost,
  mergeGrants,
  missingGrants,
  NO_GRANTS,
  NO_PERMISSIONS,
} from "../../src/wasm/permissions";
import { dokkuErrorOf } from "../harness";

const grants = (rawArgs: string[]) => parseInstallArgs(rawArgs, { allowName: false }).grants;

describe("permissions", () => {
  test("isValidNetHost accepts host, host:port, IPv4 and [IPv6]:port, and nothing with a scheme or path", () => {
    for (const host of ["hooks.example.com", "127.0.0.1:8080", "localhost", "[::1]:9000", "a-b.c"])
      expect(isValidNetHost(host)).toBe(true);
    for (const host of ["http://x", "x/y", "X.COM", "host:0", "host:70000", "", "-a.com", "a..b"])
      expect(isValidNetHost(host)).toBe(false);
  });

  test("parses each --allow flag, --allow-net with and without hosts, and --allow-all", () => {
    expect(grants([])).toEqual(NO_GRANTS);
    expect(grants(["--allow-config", "--allow-store"])).toEqual({ ...NO_GRANTS, config: true, store: true });
    expect(grants(["--allow-nginx", "--allow-docker-args"])).toEqual({ ...NO_GRANTS, nginx: true, dockerArgs: true });
    expect(grants(["--allow-net=A.example.com,127.0.0.1:8080", "--allow-net=a.example.com"])).toEqual({
      ...NO_GRANTS,
      net: ["a.example.com", "127.0.0.1:8080"],
    });
    expect(grants(["--allow-net"])).toEqual({ ...NO_GRANTS, net: ["*"] });
    expect(grants(["--allow-all"])).toEqual({ net: ["*"], config: true, store: true, nginx: true, dockerArgs: true });
  });

  test("keeps positional words and --name apart from the grants; --allow-net never takes the next word", () => {
    expect(parseInstallArgs(["--allow-net", "./plugin", "--name", "other"], { allowName: true })).toEqual({
      words: ["./plugin"],
      name: "other",
      grants: { ...NO_GRANTS, net: ["*"] },
    });
  });

  test("refuses an unknown flag, a bad host, and --name without a value", () => {
    expect(dokkuErrorOf(() => grants(["--allow-fs"]))).toBe("Unknown flag --allow-fs");
    expect(dokkuErrorOf(() => grants(["--allow-net=http://x"]))).toBe(
      'Invalid host in --allow-net: "http://x" (expected host or host:port)',
    );
    expect(dokkuErrorOf(() => parseInstallArgs(["x", "--name"], { allowName: true }))).toBe(
      "--name requires a plugin name",
    );
    expect(dokkuErrorOf(() => parseInstallArgs(["x", "--name", "n"], { allowName: false }))).toBe(
      "Unknown flag --name",
    );
  });

  test("missingGrants lists the flags a request still needs", () => {
    const request = {
      ...NO_PERMISSIONS,
      net: ["a.example.com", "b.example.com"],
      store: true,
      dockerArgs: true,
    } as const;
    expect(missingGrants(request, NO_GRANTS)).toEqual([
      "--allow-net=a.example.com,b.example.com",
      "--allow-docker-args",
      "--allow-store",
    ]);
    expect(missingGrants(request, { ...NO_GRANTS, net: ["a.example.com"], store: true, dockerArgs: true })).toEqual([
      "--allow-net=b.example.com",
    ]);
    expect(missingGrants(request, { ...NO_GRANTS, net: ["*"], store: true, dockerArgs: true })).toEqual([]);
  });

  test("net = true needs at least one host or any host", () => {
    const request = { ...NO_PERMISSIONS, net: true } as const;
    expect(missingGrants(request, NO_GRANTS)).toEqual(["--allow-net=<host,...>"]);
    expect(missingGrants(request, { ...NO_GRANTS, net: ["hooks.example.com"] })).toEqual([]);
    expect(missingGrants(request, { ...NO_GRANTS, net: ["*"] })).toEqual([]);
  });

  test("effectiveGrants records no more than was asked for", () => {
    const all = grants(["--allow-all"]);
    expect(effectiveGrants({ ...NO_PERMISSIONS, store: true }, all)).toEqual({ ...NO_GRANTS, store: true });
    expect(effectiveGrants({ ...NO_PERMISSIONS, net: ["a.example.com"] }, all)).toEqual({
      ...NO_GRANTS,
      net: ["a.example.com"],
    });
    expect(effectiveGrants({ ...NO_PERMISSIONS, net: true }, grants(["--allow-net=h.example.com"]))).toEqual({
      ...NO_GRANTS,
      net: ["h.example.com"],
    });
  });

  test("mergeGrants keeps everything either grants", () => {
    expect(
      mergeGrants({ ...NO_GRANTS, net: ["a"], store: true }, { ...NO_GRANTS, net: ["b", "a"], config: true }),
    ).toEqual({
      ...NO_GRANTS,
      net: ["a", "b"],
      store: true,
      config: true,
    });
  });

  test("describes requests and grants for people", () => {
    expect(describePermissions(NO_PERMISSIONS)).toBe("none");
    expect(describePermissions({ ...NO_PERMISSIONS, net: true, nginx: true, store: true })).toBe(
      "net (hosts granted at install), nginx, store",
    );
    expect(describePermissions({ ...NO_PERMISSIONS, net: ["a.example.com"], dockerArgs: true })).toBe(
      "net (a.example.com), docker-args",
    );
    expect(describeGrants({ ...NO_GRANTS, net: ["*"], config: true })).toBe("net (any host), config");
    expect(describeGrants(NO_GRANTS)).toBe("none");
  });
});
