import { describe, expect, test } from "bun:test";
import { dokkuNetwork, networkInfoLines, networkListing, parseNetworkFormat } from "../../src/builders/network-list";

const BRIDGE = {
  Name: "bridge",
  Id: "d18df2d21433aaaaaaaa",
  Created: "2024-02-25T01:55:24.275184461Z",
  Scope: "local",
  Driver: "bridge",
  EnableIPv6: false,
  Internal: false,
  Labels: {},
};
const OURS = {
  ...BRIDGE,
  Name: "backend",
  Id: "f50fa882e7debbbbbbbb",
  Labels: { "com.dokku.network-name": "backend" },
};

describe("networkListing", () => {
  test("gives Dokku's fields sorted by name, marking the networks network:create made", () => {
    expect(networkListing([BRIDGE, OURS], false)).toEqual([
      {
        CreatedAt: "2024-02-25T01:55:24.275184461Z",
        DokkuManaged: true,
        Driver: "bridge",
        ID: "f50fa882e7de",
        Internal: false,
        IPv6: false,
        Labels: { "com.dokku.network-name": "backend" },
        Name: "backend",
        Scope: "local",
      },
      {
        CreatedAt: "2024-02-25T01:55:24.275184461Z",
        DokkuManaged: false,
        Driver: "bridge",
        ID: "d18df2d21433",
        Internal: false,
        IPv6: false,
        Labels: {},
        Name: "bridge",
        Scope: "local",
      },
    ]);
  });

  test("keeps only Dokku's networks with dokku-managed", () => {
    expect(networkListing([BRIDGE, { ...OURS, Labels: null }, OURS], true).map((network) => network.Name)).toEqual([
      "backend",
    ]);
  });
});

describe("networkInfoLines", () => {
  test("pads the keys to 16 columns as Dokku's network:info", () => {
    expect(networkInfoLines(dokkuNetwork(BRIDGE))).toEqual([
      "ID:             d18df2d21433",
      "Name:           bridge",
      "Driver:         bridge",
      "Scope:          local",
      "Dokku managed:  false",
    ]);
  });

  test("parseNetworkFormat accepts text and json only", () => {
    expect([
      parseNetworkFormat(undefined),
      parseNetworkFormat("json"),
      parseNetworkFormat("text"),
      parseNetworkFormat("stdout"),
    ]).toEqual(["text", "json", "text", undefined]);
  });
});
