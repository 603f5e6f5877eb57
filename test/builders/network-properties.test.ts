import { describe, expect, test } from "bun:test";
import {
  computeNetworkSettings,
  networkNameProblem,
  networkPropertyValue,
  splitNetworkList,
  tldProblem,
} from "../../src/builders/network-properties";

describe("computeNetworkSettings", () => {
  test("takes the app's values over the global ones and splits the attach lists", () => {
    expect(
      computeNetworkSettings(
        { "attach-post-create": "a,b", "initial-network": "", tld: "svc.local" },
        {
          "attach-post-create": "g",
          "attach-post-deploy": "d1, d2",
          "initial-network": "shared",
          "bind-all-interfaces": "true",
          tld: "global.tld",
        },
      ),
    ).toEqual({
      attachPostCreate: ["a", "b"],
      attachPostDeploy: ["d1", "d2"],
      initialNetwork: "shared",
      bindAllInterfaces: true,
      tld: "svc.local",
    });
  });

  test("gives empty settings and bind-all-interfaces false when nothing is set", () => {
    expect(computeNetworkSettings({}, {})).toEqual({
      attachPostCreate: [],
      attachPostDeploy: [],
      initialNetwork: "",
      bindAllInterfaces: false,
      tld: "",
    });
  });
});

describe("networkPropertyValue", () => {
  test("joins attach networks given as words or comma-separated, dropping repeats", () => {
    expect(networkPropertyValue("attach-post-create", ["n1", "n2,n3", "n1"], [])).toEqual({ value: "n1,n2,n3" });
  });

  test("unsets when no value is given", () => {
    expect(networkPropertyValue("initial-network", [], [])).toEqual({ value: "" });
    expect(networkPropertyValue("tld", [""], [])).toEqual({ value: "" });
  });

  test("accepts one initial network, true or false for bind-all-interfaces and a DNS tld", () => {
    expect([
      networkPropertyValue("initial-network", ["bridge"], []),
      networkPropertyValue("bind-all-interfaces", ["false"], []),
      networkPropertyValue("tld", ["svc.cluster.local"], []),
    ]).toEqual([{ value: "bridge" }, { value: "false" }, { value: "svc.cluster.local" }]);
  });

  test("refuses Docker's own networks, a network of the other attach phase and bad names for attach", () => {
    expect([
      networkPropertyValue("attach-post-create", ["ok", "host"], []),
      networkPropertyValue("attach-post-deploy", ["bridge"], []),
      networkPropertyValue("attach-post-deploy", ["shared"], ["shared"]),
      networkPropertyValue("attach-post-create", ["-bad"], []),
    ]).toEqual([
      { problem: "Invalid network name specified for attach: host" },
      { problem: "Invalid network name specified for attach: bridge" },
      { problem: "Network name already associated with this app: shared" },
      {
        problem:
          "Invalid network name specified: -bad (letters, digits, '_', '.' and '-', starting with a letter or digit)",
      },
    ]);
  });

  test("refuses two initial networks, a bind-all-interfaces that is not a boolean and a bad tld", () => {
    expect([
      networkPropertyValue("initial-network", ["a", "b"], []),
      networkPropertyValue("bind-all-interfaces", ["yes"], []),
      networkPropertyValue("tld", ["Bad_TLD"], []),
    ]).toEqual([
      { problem: "Only one initial-network may be specified, got: a, b" },
      { problem: "Invalid bind-all-interfaces value specified: yes (true or false)" },
      { problem: "Invalid tld specified: Bad_TLD (lower-case DNS labels separated by dots, e.g. svc.cluster.local)" },
    ]);
  });
});

describe("networkNameProblem and tldProblem", () => {
  test("accept Docker-style names and DNS suffixes, refuse the rest", () => {
    expect([
      networkNameProblem("my_net.1-a"),
      networkNameProblem(""),
      networkNameProblem("a/b"),
      networkNameProblem("x".repeat(129)),
    ]).toEqual([
      undefined,
      "No network name specified",
      "Invalid network name specified: a/b (letters, digits, '_', '.' and '-', starting with a letter or digit)",
      `Invalid network name specified: ${"x".repeat(129)} (letters, digits, '_', '.' and '-', starting with a letter or digit)`,
    ]);
    expect(
      [tldProblem("local"), tldProblem("a.b-c"), tldProblem(".local"), tldProblem("a..b"), tldProblem("-a")].map(
        (problem) => problem === undefined,
      ),
    ).toEqual([true, true, false, false, false]);
  });

  test("splitNetworkList drops blanks and spaces", () => {
    expect(splitNetworkList(" a, ,b,")).toEqual(["a", "b"]);
  });
});
