import { describe, expect, test } from "bun:test";
import {
  addressFamilyAmong,
  defaultVhosts,
  domainNameProblem,
  isIpv4Address,
  normalizeDomain,
  normalizeDomains,
} from "../../src/builders/domain-name";
import { dokkuErrorOf } from "../harness";

const label63 = "a".repeat(63);

describe("domainNameProblem", () => {
  test.each([
    "example.com",
    "www.example.com",
    "node-js-app.dokku.me",
    "localhost",
    "xn--bcher-kva.example",
    "a1.b2.c3",
    "*.example.com",
    "_",
    "10.0.0.1",
    "255.255.255.255",
    "0.0.0.0",
    `${label63}.com`,
    "EXAMPLE.COM",
    "123.example.com",
    "1.2.3",
    ".example.com",
    ".Dokku.ME",
    ".localhost",
  ])("accepts %p", (name) => {
    expect(domainNameProblem(name)).toBeUndefined();
  });

  test.each([
    ["", "empty domain"],
    ["-bad.com", "label '-bad' starts or ends with a hyphen"],
    ["bad-.com", "label 'bad-' starts or ends with a hyphen"],
    ["a..b", "empty label"],
    [".", "empty label"],
    ["..example.com", "empty label"],
    [".example..com", "empty label"],
    [".*.example.com", "a leading dot needs a plain domain after it"],
    ["._", "a leading dot needs a plain domain after it"],
    [".10.0.0.1", "a leading dot needs a plain domain after it"],
    [".-bad.com", "label '-bad' starts or ends with a hyphen"],
    [".bad_name.com", "label 'bad_name' has characters other than letters, digits and hyphens"],
    ["example.com.", "empty label"],
    ["exa mple.com", "label 'exa mple' has characters other than letters, digits and hyphens"],
    ["under_score.com", "label 'under_score' has characters other than letters, digits and hyphens"],
    ["a;b.com", "label 'a;b' has characters other than letters, digits and hyphens"],
    ["bad/slash.com", "label 'bad/slash' has characters other than letters, digits and hyphens"],
    ["x{}.com", "label 'x{}' has characters other than letters, digits and hyphens"],
    ["ex\nample.com", "label 'ex\nample' has characters other than letters, digits and hyphens"],
    ["ünicode.com", "label 'ünicode' has characters other than letters, digits and hyphens"],
    ["www.*.com", "a wildcard is only allowed as the first label"],
    ["example.*", "a wildcard is only allowed as the first label"],
    ["*", "a wildcard needs a domain after it"],
    ["*example.com", "label '*example' has characters other than letters, digits and hyphens"],
    ["**.example.com", "label '**' has characters other than letters, digits and hyphens"],
    ["__", "label '__' has characters other than letters, digits and hyphens"],
    [`${"a".repeat(64)}.com`, `label '${"a".repeat(64)}' is longer than 63 characters`],
    [`${[label63, label63, label63, label63].join(".")}`, "longer than 253 characters"],
    ["256.1.1.1", "not a valid IPv4 address"],
    ["1.2.3.04", "not a valid IPv4 address"],
    ["::1", "label '::1' has characters other than letters, digits and hyphens"],
    ["example.com:80", "label 'com:80' has characters other than letters, digits and hyphens"],
  ])("refuses %p: %s", (name, problem) => {
    expect(domainNameProblem(name)).toBe(problem);
  });

  test("accepts a name of exactly 253 characters", () => {
    const name = [label63, label63, label63, "a".repeat(61)].join(".");
    expect({ length: name.length, problem: domainNameProblem(name) }).toEqual({ length: 253, problem: undefined });
  });
});

describe("isIpv4Address", () => {
  test("tells dotted quads from names", () => {
    expect(["1.2.3.4", "1.2.3", "a.b.c.d", "300.1.1.1", "01.1.1.1"].map(isIpv4Address)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("normalizeDomain", () => {
  test("lowercases a valid domain", () => {
    expect(normalizeDomains(["Example.COM", "*.Apps.Example.com"])).toEqual(["example.com", "*.apps.example.com"]);
  });

  test("refuses a bad domain in Dokku's words", () => {
    expect(dokkuErrorOf(() => normalizeDomain("bad_domain.com"))).toBe("bad_domain.com is invalid. exiting...");
  });

  test("refuses the whole list at the first bad domain", () => {
    expect(dokkuErrorOf(() => normalizeDomains(["good.com", "-bad.com", "also..bad"]))).toBe(
      "-bad.com is invalid. exiting...",
    );
  });
});

describe("defaultVhosts", () => {
  test("gives <app>.<domain> for each global domain", () => {
    expect(defaultVhosts("shop", ["example.com", "example.org"])).toEqual(["shop.example.com", "shop.example.org"]);
  });

  test("skips global domains that are IP addresses or the catch-all", () => {
    expect(defaultVhosts("shop", ["10.0.0.1", "_", "example.com"])).toEqual(["shop.example.com"]);
  });

  test("uses an app named like a FQDN as its own vhost, once", () => {
    expect(defaultVhosts("shop.example.net", ["example.com", "example.org"])).toEqual(["shop.example.net"]);
  });

  test("gives nothing without global domains", () => {
    expect(defaultVhosts("shop", [])).toEqual([]);
  });

  test("leaves out a vhost that would be too long", () => {
    expect(defaultVhosts("shop", [[label63, label63, label63, "a".repeat(61)].join(".")])).toEqual([]);
  });
});

describe("addressFamilyAmong", () => {
  test("gives the family of the first IP address among the names", () => {
    expect([
      addressFamilyAmong(["shop.dokku.me", "127.0.0.1", "::1"]),
      addressFamilyAmong(["::1", "10.0.0.1"]),
      addressFamilyAmong(["shop.dokku.me", "1.2.3", "_", "*.dokku.me"]),
      addressFamilyAmong([]),
    ]).toEqual([4, 6, undefined, undefined]);
  });
});
