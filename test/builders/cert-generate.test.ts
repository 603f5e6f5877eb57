import { describe, expect, test } from "bun:test";
import { certificateDomain, selfSignedArgv } from "../../src/builders/cert-generate";
import { dokkuErrorOf } from "../harness";

describe("certificateDomain", () => {
  test("lowercases a hostname", () => {
    expect(certificateDomain("App.Example.COM")).toBe("app.example.com");
  });

  test("accepts a wildcard", () => {
    expect(certificateDomain("*.example.com")).toBe("*.example.com");
  });

  test("refuses a missing domain", () => {
    expect(dokkuErrorOf(() => certificateDomain(undefined))).toBe(
      "Please specify a domain: certs:generate <app> DOMAIN",
    );
  });

  for (const bad of [
    "-bad.example.com",
    "a..b",
    "a/b.com",
    "CN=x/O=y",
    "a b",
    "*.*.example.com",
    "x.*.example.com",
    `${"a".repeat(64)}.com`,
    `${"a.".repeat(127)}com`,
  ]) {
    test(`refuses ${JSON.stringify(bad.slice(0, 40))}`, () => {
      expect(dokkuErrorOf(() => certificateDomain(bad))).toBe(`Invalid domain: ${bad}`);
    });
  }
});

describe("selfSignedArgv", () => {
  test("makes a key and request for the domain, then signs it for a year keeping the SAN", () => {
    expect(
      selfSignedArgv("app.example.com", { key: "/t/server.key", csr: "/t/server.csr", crt: "/t/server.crt" }),
    ).toEqual([
      [
        "openssl",
        "req",
        "-new",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "/t/server.key",
        "-out",
        "/t/server.csr",
        "-subj",
        "/CN=app.example.com",
        "-addext",
        "subjectAltName=DNS:app.example.com",
      ],
      [
        "openssl",
        "x509",
        "-req",
        "-days",
        "365",
        "-in",
        "/t/server.csr",
        "-signkey",
        "/t/server.key",
        "-out",
        "/t/server.crt",
        "-copy_extensions",
        "copy",
      ],
    ]);
  });
});
